// The outbox against platforms that push back: the fake Slack Web API and the fake Bot Connector throttle (429
// with Retry-After), fail (5xx), hang past the dispatcher's send timeout, and refuse some people for good (a
// student who turned the bot's messages off, one who blocked it in Teams). Through the real adapters' surfaces
// and the real dispatcher, with a configured rate limit per platform, in real time.
// Must show, measured on the fakes' side: never more requests in any 1 s window than the configured rate, none at all while a Retry-After runs, and every message ends sent or failed with its reason;
// duplicates only where a send timed out (the platform may have taken it late).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { createTeamsAdapter } from '../../adapters/teams/index.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Platform, Surface } from '../../bot/core/types.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';
import { nudgeMessage } from '../../bot/schedule/nudge-card.js';
import type { Db } from '../../db/db.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { FAKE_BOT_TOKEN, type FakeSlackApi, FAKE_TEAM_ID, startFakeSlackApi } from '../fakes/slack-api.js';
import { databases } from '../support/databases.js';
import { APP_ID, authenticated, TENANT } from '../teams/harness.js';
import { fullRun, maxPerSecond, recordFigures } from './support/figures.js';
import { watchProcess } from './support/watch.js';

watchProcess();

const PEOPLE = fullRun() ? 600 : 60;
/** The configured limits: rate per second and burst, per workspace (Slack) and per tenant (Teams); `npm test` runs faster. */
const LIMITS = fullRun()
  ? ({ slack: { rate: 5, burst: 2 }, teams: { rate: 10, burst: 3 } } as const)
  : ({ slack: { rate: 10, burst: 2 }, teams: { rate: 20, burst: 3 } } as const);
const SEND_TIMEOUT_MS = 800;
const HANG_MS = 2_000;
const RETRY_AFTER_S = 1;
/** Per request, in this order: throttled, failing, hanging past the send timeout. */
const P = { throttled: 0.1, failing: 0.08, hanging: 0.03 };

const idle: Bot = {
  handle: async () => [],
  directory: async () => [],
  saveReference: async () => undefined,
  home: async () => null,
  deliverLater: async () => undefined,
};

/** A small seeded generator, so a failing run can be repeated. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

interface Outcome {
  throttled: number[];
  failing: number;
  hanging: number;
  blocked: number;
}

describe.each(databases)('the outbox under throttling, failures, timeouts and blocks on $name', (database) => {
  let db: Db;
  let slack: FakeSlackApi;
  let connector: FakeBotConnector;
  const surfaces = new Map<Platform, Surface>();
  let stopTeams: () => Promise<void>;
  const expected = { slack: { people: 0, blocked: 0 }, teams: { people: 0, blocked: 0 } };
  const seen: Record<'slack' | 'teams', Outcome> = {
    slack: { throttled: [], failing: 0, hanging: 0, blocked: 0 },
    teams: { throttled: [], failing: 0, hanging: 0, blocked: 0 },
  };

  beforeAll(async () => {
    db = await database.create();
    slack = await startFakeSlackApi();
    connector = await startFakeBotConnector();
    const slackAdapter = createSlackAdapter({
      config: {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'reliability',
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: slack.url,
      },
      bot: idle,
      logger: silentLogger,
    })!;
    const teams = createTeamsAdapter({ ...authenticated(connector), bot: idle, logger: silentLogger });
    await teams.ready;
    stopTeams = () => teams.stop(100);
    surfaces.set('slack', slackAdapter.surface);
    surfaces.set('teams', teams.surface);

    // One third on Slack, the rest on Teams; one in ten refuses the bot's messages, on either platform.
    await db.query(
      `INSERT INTO people (email, name, roles)
       SELECT 'load' || g || '@student.example.be', 'Student ' || g, '{student}' FROM generate_series(1, $1::int) g`,
      [PEOPLE],
    );
    const people = await db.query<{ id: number }>(`SELECT id FROM people WHERE email LIKE 'load%' ORDER BY id`);
    const blocked = (n: number) => n % 10 === 4;
    for (const [i, { id }] of people.rows.entries()) {
      const onSlack = i % 3 === 0;
      const mine = expected[onSlack ? 'slack' : 'teams'];
      mine.people++;
      if (blocked(id)) mine.blocked++;
      const aad = `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
      await db.query(
        `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference) VALUES ($1, $2, $3, $4, $5::jsonb)`,
        onSlack
          ? [id, 'slack', FAKE_TEAM_ID, `U${id}`, JSON.stringify({ channelId: `D${id}` })]
          : [
              id,
              'teams',
              TENANT,
              aad,
              JSON.stringify({
                channelId: 'msteams',
                serviceUrl: connector.serviceUrl,
                conversation: { id: `a:chat-${id}`, conversationType: 'personal', tenantId: TENANT },
                user: { id: `29:user-${id}`, aadObjectId: aad },
                bot: { id: `28:${APP_ID}` },
              }),
            ],
      );
      await db.query(`INSERT INTO outbox (dedupe_key, person_id, payload) VALUES ($1, $2, $3::jsonb)`, [
        `reliability:${id}`,
        id,
        JSON.stringify(nudgeMessage('nl-BE', null)),
      ]);
    }

    const roll = random(20260415);
    const fate = (): 'throttled' | 'failing' | 'hanging' | undefined => {
      const r = roll();
      if (r < P.throttled) return 'throttled';
      if (r < P.throttled + P.failing) return 'failing';
      if (r < P.throttled + P.failing + P.hanging) return 'hanging';
      return undefined;
    };
    slack.intercept(({ method, args }) => {
      if (method !== 'chat.postMessage') return undefined;
      if (blocked(Number(String(args.channel).slice(1)))) {
        seen.slack.blocked++;
        return { kind: 'error', error: 'messages_tab_disabled' };
      }
      const f = fate();
      if (f === 'throttled') {
        seen.slack.throttled.push(Date.now());
        return { kind: 'ratelimited', retryAfterSeconds: RETRY_AFTER_S };
      }
      if (f === 'failing') {
        seen.slack.failing++;
        return { kind: 'http', status: 503 };
      }
      if (f === 'hanging') {
        seen.slack.hanging++;
        return { kind: 'hang', ms: HANG_MS };
      }
      return undefined;
    });
    connector.intercept(({ kind, conversationId }) => {
      if (kind !== 'send') return undefined;
      if (blocked(Number(conversationId?.replace('a:chat-', '')))) {
        seen.teams.blocked++;
        return {
          status: 403,
          code: 'ConversationBlockedByUser',
          message: 'User blocked the conversation with the bot.',
        };
      }
      const f = fate();
      if (f === 'throttled') {
        seen.teams.throttled.push(Date.now());
        return { status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) }, code: 'Throttled' };
      }
      if (f === 'failing') {
        seen.teams.failing++;
        return { status: 503, code: 'ServiceUnavailable' };
      }
      if (f === 'hanging') {
        seen.teams.hanging++;
        return { hangMs: HANG_MS };
      }
      return undefined;
    });
  });
  afterAll(async () => {
    await stopTeams?.();
    await slack?.close();
    await connector?.close();
    await db?.close();
  });

  it('sends everything it may at no more than the configured rate, and ends every message sent or failed with its reason', {
    timeout: fullRun() ? 600_000 : 120_000,
  }, async () => {
    const started = Date.now();
    const dispatcher = createDispatcher({
      db,
      surfaces: () => surfaces,
      logger: silentLogger,
      limiters: {
        slack: createRateLimiter(LIMITS.slack.rate, LIMITS.slack.burst),
        teams: createRateLimiter(LIMITS.teams.rate, LIMITS.teams.burst),
      },
      sendTimeoutMs: SEND_TIMEOUT_MS,
      // The platforms' Retry-After is honoured as given; our own backoff after a 5xx or a timeout is shortened.
      retryDelay: (attempt, retryAfterMs) => (retryAfterMs && retryAfterMs > 0 ? retryAfterMs : 100 * attempt),
    });
    dispatcher.start(20);
    const open = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`))
        .rows[0]!.n;
    const deadline = Date.now() + (fullRun() ? 540_000 : 100_000);
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await dispatcher.stop();
    // Requests that hung are answered late: let them land in the fakes' records.
    await new Promise((r) => setTimeout(r, HANG_MS + 200));
    const seconds = (Date.now() - started) / 1000;

    const rows = await db.query<{
      status: string;
      platform: string;
      last_error_class: string | null;
      last_error: string | null;
      n: number;
    }>(
      `SELECT status, platform, last_error_class, last_error, count(*)::int AS n FROM outbox
        GROUP BY status, platform, last_error_class, last_error ORDER BY status, platform`,
    );
    // Every message ended: sent, or failed with a class and a reason.
    expect(rows.rows.filter((r) => r.status !== 'sent' && r.status !== 'failed')).toEqual([]);
    for (const r of rows.rows.filter((x) => x.status === 'failed')) {
      // Blocked by the person: failed for that recipient only.
      expect(r.last_error_class).toBe('recipient');
      expect(r.last_error).toMatch(r.platform === 'slack' ? /messages_tab_disabled/ : /ConversationBlockedByUser/);
    }
    const count = (status: string, platform: string) =>
      rows.rows.filter((r) => r.status === status && r.platform === platform).reduce((n, r) => n + r.n, 0);

    const platforms = {
      slack: {
        requests: slack.calls.filter((c) => c.method === 'chat.postMessage'),
        delivered: slack.calls
          .filter((c) => c.method === 'chat.postMessage' && c.response?.ok === true)
          .map((c) => String(c.args.channel)),
      },
      teams: {
        requests: connector.calls.filter((c) => c.kind === 'send'),
        delivered: connector.calls
          .filter((c) => c.kind === 'send' && c.status < 300)
          .map((c) => c.conversationId ?? ''),
      },
    };
    for (const platform of ['slack', 'teams'] as const) {
      const p = platforms[platform];
      // Every kind of trouble happened on each platform, or the figures below would prove nothing.
      expect(expected[platform].blocked, `${platform}: people who refuse the bot`).toBeGreaterThan(0);
      expect(seen[platform].throttled.length + seen[platform].failing, `${platform}: 429s and 5xx`).toBeGreaterThan(0);
      const instants = p.requests.map((c) => c.at);
      const limit = LIMITS[platform];
      const busiest = maxPerSecond(instants);
      // The limiter counts over sliding windows: never more than the configured rate in any one second.
      expect(busiest, `${platform}: requests in the busiest second`).toBeLessThanOrEqual(limit.rate);
      // Nothing while a Retry-After runs (the 429 itself is the request at that instant).
      const inRetryAfter = seen[platform].throttled.filter((t) =>
        instants.some((at) => at > t && at < t + RETRY_AFTER_S * 1000),
      ).length;
      expect(inRetryAfter, `${platform}: requests during a Retry-After`).toBe(0);
      // Each person got the message once, but for sends that timed out and still arrived.
      const perPerson = new Map<string, number>();
      for (const who of p.delivered) perPerson.set(who, (perPerson.get(who) ?? 0) + 1);
      const duplicates = [...perPerson.values()].reduce((n, k) => n + k - 1, 0);
      expect(duplicates).toBeLessThanOrEqual(seen[platform].hanging);
      const sent = count('sent', platform);
      const failed = count('failed', platform);
      expect(perPerson.size).toBe(sent);
      // The only failures are the people who refuse the bot; everyone else got the message.
      expect(failed).toBe(expected[platform].blocked);
      expect(sent).toBe(expected[platform].people - expected[platform].blocked);
      recordFigures('platforms pushing back', `${platform} on ${database.name}`, {
        messages: expected[platform].people,
        'configured rate/s (burst)': `${limit.rate} (${limit.burst})`,
        'max requests in any 1 s': busiest,
        requests: instants.length,
        '429 answered': seen[platform].throttled.length,
        'requests during a Retry-After': inRetryAfter,
        '5xx answered': seen[platform].failing,
        'hung past the timeout': seen[platform].hanging,
        sent,
        'failed, blocked (terminal)': failed,
        duplicates,
        seconds: Math.round(seconds),
      });
    }
  });
});
