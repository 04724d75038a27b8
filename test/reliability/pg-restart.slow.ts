// PostgreSQL restarted under load (npm run reliability only): a throwaway cluster of our own (never the shared
// server of DATABASE_URL) is restarted twice (fast shutdown, crash) and taken down for a few seconds while
// students keep writing through Slack (signed events) and Teams (Bot Framework JWTs), and the outbox work loop
// keeps sending nudges that fall due during the outages. Must show: every acknowledged message is handled (its
// event key stored, a real answer sent), the work loop's messages all go out, and the bot recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeerkansBot as createBot } from '../../bot/routes.js';
import { t } from '../../bot/i18n/index.js';
import { DeterministicAssistant } from '../../bot/llm/client.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';
import { createWorkLoop } from '../../bot/outbox/work-loop.js';
import { nudgeMessage } from '../../bot/schedule/nudge-card.js';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { createPgDb } from '../../db/pg-driver.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { importRoster } from '../../bot/imports/roster.js';
import { seed } from '../support/harness.js';
import { FAKE_TEAM_ID } from '../fakes/slack-api.js';
import { captureLogs, dmEvent, postEvent, quiet, type SlackHarness, startSlackHarness } from '../slack/support.js';
import { APP_ID, authenticated, startTeamsHarness, TENANT, type TeamsHarness } from '../teams/harness.js';
import { startFakeBotConnector } from '../fakes/bot-connector.js';
import { recordFigures } from './support/figures.js';
import { findPostgres, type PgCluster, startPgCluster } from './support/pg-cluster.js';
import { watchProcess } from './support/watch.js';

const found = findPostgres();
const missing = 'missing' in found ? found.missing : undefined;
if (missing) {
  console.error(`PostgreSQL restart under load: skipped: ${missing}`);
  recordFigures('PostgreSQL restarted under load', 'skipped', { reason: missing });
}

const WRITERS = 24;
const LOAD_MS = 24_000;
const ERROR_TEXT = t('nl', 'common.error');

describe.skipIf(missing !== undefined)('PostgreSQL restarted under load', () => {
  watchProcess();
  let cluster: PgCluster;
  let db: Db;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  const logs = captureLogs('warn');

  beforeAll(async () => {
    cluster = await startPgCluster(found as { bin: string });
    db = createPgDb({ connectionString: cluster.url, max: 8 });
    await migrate(db);
    await seed(db);
    // The writers: half on Slack, half on Teams, all students of the demo cohort.
    const rows = Array.from(
      { length: WRITERS },
      (_, i) => `writer${i}@student.example.be,Writer ${i},student,SW-DUAAL-2026,,,,Europe/Brussels,nl-BE`,
    );
    await importRoster(
      db,
      'writers.csv',
      ['email,name,roles,cohort,mentors,teachers,coaches,timezone,locale', ...rows].join('\n'),
      {
        timeZone: 'Europe/Brussels',
        locale: 'nl-BE',
      },
    );
    const bot = createBot({
      db,
      assistant: new DeterministicAssistant(),
      logger: logs.logger,
      settings: { defaultLocale: 'nl-BE', defaultTimeZone: 'Europe/Brussels', helpline: 'Tele-Onthaal 106' },
    });
    slack = await startSlackHarness({ db, bot });
    const connector = await startFakeBotConnector();
    teams = await startTeamsHarness({ bot, connector, ...authenticated(connector), logger: logs.logger });
    for (let i = 0; i < WRITERS; i++) {
      const email = `writer${i}@student.example.be`;
      if (i % 2 === 0) slack.fake.addUser({ id: `U0WRITER${i}`, email, name: `Writer ${i}`, locale: 'nl-BE' });
      else
        connector.addMember({
          id: `29:writer-${i}`,
          name: `Writer ${i}`,
          aadObjectId: `00000000-0000-4000-8100-${String(i).padStart(12, '0')}`,
          email,
          userPrincipalName: email,
          tenantId: TENANT,
        });
    }
  });
  afterAll(async () => {
    await teams?.close();
    await slack?.stop();
    await db?.close().catch(() => undefined);
    cluster?.destroy();
  });

  it('handles every acknowledged message and sends every due nudge through two restarts and an outage', {
    timeout: 300_000,
  }, async () => {
    // Nudges that fall due during the load (and so during the restarts), sent by the work loop as main.ts runs it.
    const ids = await db.query<{ id: number; email: string }>(
      `SELECT id, email FROM people WHERE email LIKE 'writer%'`,
    );
    for (const [n, p] of ids.rows.entries()) {
      const i = Number(p.email.slice('writer'.length, p.email.indexOf('@')));
      if (i % 2 === 0) {
        await db.query(
          `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference) VALUES ($1, 'slack', $2, $3, $4::jsonb)`,
          [p.id, FAKE_TEAM_ID, `U0WRITER${i}`, JSON.stringify({ channelId: `DWRITER${i}` })],
        );
      } else {
        await db.query(
          `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference) VALUES ($1, 'teams', $2, $3, $4::jsonb)`,
          [
            p.id,
            TENANT,
            `00000000-0000-4000-8100-${String(i).padStart(12, '0')}`,
            JSON.stringify({
              channelId: 'msteams',
              serviceUrl: teams.connector.serviceUrl,
              conversation: { id: `a:writer-${i}`, conversationType: 'personal', tenantId: TENANT },
              user: { id: `29:writer-${i}`, aadObjectId: `00000000-0000-4000-8100-${String(i).padStart(12, '0')}` },
              bot: { id: `28:${APP_ID}` },
            }),
          ],
        );
      }
      for (let k = 0; k < 3; k++) {
        await enqueueOutbox(db, {
          dedupeKey: `restart-nudge:${p.id}:${k}`,
          personId: p.id,
          payload: nudgeMessage('nl-BE', null),
          notBefore: new Date(Date.now() + 1000 + ((n * 3 + k) * LOAD_MS) / (ids.rows.length * 3)),
        });
      }
    }
    const fast = createRateLimiter(1000, 1000);
    const dispatcher = createDispatcher({
      db,
      surfaces: () =>
        new Map([
          ['slack', slack.adapter.surface],
          ['teams', teams.adapter.surface],
        ]),
      logger: logs.logger,
      limiters: { slack: fast, teams: fast, web: fast },
      retryDelay: (_attempt, retryAfterMs) => Math.max(200, retryAfterMs ?? 0),
    });
    const work = createWorkLoop([{ name: 'send-outbox', run: () => dispatcher.tick() }], logs.logger);
    work.start(200);

    // The load: every writer sends a message every ~400 ms; the keys of the acknowledged ones are kept.
    const acknowledged: string[] = [];
    const refused: number[] = [];
    const started = Date.now();
    const writer = async (i: number) => {
      let n = 0;
      while (Date.now() - started < LOAD_MS) {
        n++;
        if (i % 2 === 0) {
          const event = dmEvent('hulp', `U0WRITER${i}`);
          (event.event as Record<string, unknown>).channel = `DWRITER${i}`;
          const res = await postEvent(slack.url, event);
          if (res.status === 200) acknowledged.push(`slack:${event.event_id as string}`);
          else refused.push(res.status);
        } else {
          const activity = teams.activity(
            'message',
            {
              id: `29:writer-${i}`,
              aadObjectId: `00000000-0000-4000-8100-${String(i).padStart(12, '0')}`,
              name: `Writer ${i}`,
              email: `writer${i}@student.example.be`,
              conversationId: `a:writer-${i}`,
            },
            { text: 'hulp', id: `writer-${i}-${n}-${Date.now()}` },
          );
          const res = await fetch(`${teams.url}/api/messages`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${teams.connector.channelToken(APP_ID)}`,
            },
            body: JSON.stringify(activity),
          });
          await res.text();
          if (res.status === 200) acknowledged.push(`teams:${activity.id}`);
          else refused.push(res.status);
        }
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 200));
      }
    };
    const chaos = async () => {
      const at = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, started + ms - Date.now())));
      await at(3_000);
      await cluster.restart('fast');
      await at(9_000);
      await cluster.restart('immediate');
      await at(14_000);
      await cluster.outage(4_000, 'immediate');
    };
    await Promise.all([...Array.from({ length: WRITERS }, (_, i) => writer(i)), chaos()]);

    // Everything acknowledged is worked off; the due nudges go out.
    await quiet(slack.adapter, teams.adapter);
    const deadline = Date.now() + 120_000;
    const open = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`))
        .rows[0]!.n;
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await work.stop();

    const stored = new Set(
      (
        await db.query<{ key: string }>(`SELECT key FROM processed_events WHERE key = ANY($1::text[])`, [acknowledged])
      ).rows.map((r) => r.key),
    );
    const lost = acknowledged.filter((k) => !stored.has(k));
    const slackReplies = slack.fake
      .callsTo('chat.postMessage')
      .filter((c) => String(c.args.channel).startsWith('DWRITER'));
    const teamsReplies = teams.connector
      .sent()
      .filter((a) => String((a.conversation as { id?: string })?.id ?? '').startsWith('a:writer'));
    const apologies = [...slackReplies.map((c) => c.args.text), ...teamsReplies.map((a) => a.text)].filter(
      (text) => text === ERROR_TEXT,
    ).length;
    const outbox = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox WHERE dedupe_key LIKE 'restart-nudge:%' GROUP BY status`,
    );
    const retried = logs.lines.filter((l) => l.event === 'turn.db_unreachable').length;

    // After the outages: a new message is answered at once, as if nothing happened.
    const before = slack.fake.callsTo('chat.postMessage').length;
    expect((await postEvent(slack.url, dmEvent('hulp', 'U0WRITER0'))).status).toBe(200);
    await quiet(slack.adapter);
    expect(slack.fake.callsTo('chat.postMessage').length).toBe(before + 1);

    recordFigures('PostgreSQL restarted under load', 'own cluster', {
      'messages sent': acknowledged.length + refused.length,
      acknowledged: acknowledged.length,
      'refused before the ack (503, redelivered by the platform)': refused.length,
      handled: acknowledged.length - lost.length,
      lost: lost.length,
      'replies that were the error apology': apologies,
      'turns re-run after a lost connection': retried,
      'restarts (fast, crash) and outages': '1, 1, 1 (4 s down)',
      'nudges due during the load': ids.rows.length * 3,
      'nudges sent': outbox.rows.find((r) => r.status === 'sent')?.n ?? 0,
    });
    expect(lost).toEqual([]);
    expect(outbox.rows).toEqual([{ status: 'sent', n: ids.rows.length * 3 }]);
    // Every acknowledged message was answered, and none of them with the apology for a failure.
    expect(slackReplies.length + teamsReplies.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(apologies).toBe(0);
  });
});
