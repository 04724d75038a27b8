// Every platform error the adapters know, through the real dispatcher: the real Slack WebClient against the fake
// Slack Web API, botbuilder against the fake Bot Connector, and the playground. What happens to the outbox row and
// to the person's identity depends only on the scope the adapter's error table gives the failure: `recipient`
// fails the row and marks the identity unreachable, `message` and `app` fail the row and leave the person
// reachable, `transient` reschedules it after the platform's hint (or the outbox's backoff) and sends it then.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { createWebAdapter, type WebAdapter } from '../../adapters/web/index.js';
import type { DeliveryScope, Outbound, Platform, Surface } from '../../bot/core/types.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';
import type { Db } from '../../db/db.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import type { FakeBotConnector, Failure as ConnectorFailure } from '../fakes/bot-connector.js';
import { startFakeBotConnector } from '../fakes/bot-connector.js';
import {
  dmChannelFor,
  FAKE_BOT_TOKEN,
  type FakeFailure,
  type FakeSlackApi,
  startFakeSlackApi,
} from '../fakes/slack-api.js';
import { EMAIL, makeBot, personId, seed } from '../support/harness.js';
import { captureLogs, USERS as SLACK_USERS } from '../slack/support.js';
import { databases } from '../support/databases.js';
import {
  authenticated,
  BOT_ID,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
  USERS as TEAMS_USERS,
} from '../teams/harness.js';

/** What the dispatcher must have done with one message. */
type Outcome =
  | { scope: 'sent' }
  | {
      scope: DeliveryScope;
      /** `last_error` (and, for `recipient`, the identity's reason) starts with this: it is kept for people to read. */
      reason: string;
      /** Seconds until the retry: the hint exactly, or a range for the outbox's own backoff. */
      retryInS?: number | [number, number];
    };

interface Case {
  name: string;
  arrange: () => void;
  expected: Outcome;
}

/** The outbox's backoff for a first attempt without a hint: full jitter up to 5 s, at least 1 s. */
const BACKOFF: [number, number] = [1, 5];

const payload: Outbound = {
  text: 'Je shift is voorbij. Zin om kort te reflecteren?',
  card: {
    kind: 'nudge',
    fallbackText: 'Je shift is voorbij.',
    elements: [{ type: 'text', text: 'Hoe ging het vandaag?' }],
  },
};

const fastLimiters = {
  slack: createRateLimiter(1e6, 1e6),
  teams: createRateLimiter(1e6, 1e6),
  web: createRateLimiter(1e6, 1e6),
};

describe.each(databases)('delivery scope through the real dispatcher on $name', ({ create }) => {
  let db: Db;
  let slackApi: FakeSlackApi;
  let slack: SlackAdapter;
  let connector: FakeBotConnector;
  let teams: TeamsHarness;
  let web: WebAdapter;
  let clock: Date;
  const logs = captureLogs('warn');

  beforeAll(async () => {
    db = await create();
    await seed(db);
    const bot = makeBot(db);
    slackApi = await startFakeSlackApi();
    for (const user of Object.values(SLACK_USERS)) slackApi.addUser(user);
    slack = createSlackAdapter({
      config: {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: slackApi.url,
      },
      bot,
      logger: logs.logger,
    })!;
    connector = await startFakeBotConnector();
    teams = await startTeamsHarness({ bot, connector, ...authenticated(connector) });
    web = createWebAdapter({ bot, logger: logs.logger });
    // Amira is reached on Slack, Tom on Teams, Jan in the playground; Lien has no chat identity yet.
    const identity = (who: keyof typeof EMAIL, platform: Platform, tenant: string, user: string, reference: unknown) =>
      db.query(
        `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
         SELECT id, $2, $3, $4, $5::jsonb FROM people WHERE email = $1`,
        [EMAIL[who], platform, tenant, user, JSON.stringify(reference)],
      );
    await identity('amira', 'slack', 'T0LEERKANS', SLACK_USERS.amira.id, {
      channelId: dmChannelFor(SLACK_USERS.amira.id),
    });
    await identity('tom', 'teams', TENANT, TEAMS_USERS.tom.aadObjectId, {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: TEAMS_USERS.tom.conversationId, conversationType: 'personal', tenantId: TENANT },
      user: { id: TEAMS_USERS.tom.id, aadObjectId: TEAMS_USERS.tom.aadObjectId },
      bot: { id: BOT_ID },
    });
    await identity('jan', 'web', 'local', EMAIL.jan, { channelId: EMAIL.jan });
  });
  afterAll(async () => {
    web?.close();
    await teams?.close();
    await connector?.close();
    await slack?.stop();
    await slackApi?.close();
    await db?.close();
  });
  beforeEach(async () => {
    slackApi.reset();
    connector.reset();
    logs.lines.length = 0;
    await db.query('DELETE FROM outbox');
    await db.query('UPDATE platform_identities SET reachable = true, unreachable_reason = NULL');
    // A little ahead of the database clock, so what was just planned is due.
    clock = new Date(Date.now() + 5_000);
  });

  const surfaces = () =>
    new Map<Platform, Surface>([
      ['slack', slack.surface],
      ['teams', teams.adapter.surface],
      ['web', web.surface],
    ]);
  const dispatcher = (options: { surfaces?: () => ReadonlyMap<Platform, Surface>; fallbackPlatform?: Platform } = {}) =>
    createDispatcher({
      db,
      surfaces: options.surfaces ?? surfaces,
      logger: logs.logger,
      now: () => clock,
      limiters: fastLimiters,
      ...(options.fallbackPlatform ? { fallbackPlatform: options.fallbackPlatform } : {}),
    });

  const row = async () =>
    (
      await db.query<{
        status: string;
        attempts: number;
        platform: string | null;
        last_error_class: string | null;
        last_error: string | null;
        retry_in_s: number;
      }>(
        `SELECT status, attempts, platform, last_error_class, last_error,
                extract(epoch FROM next_attempt_at - $1::timestamptz)::int AS retry_in_s
           FROM outbox WHERE dedupe_key = 'scope-test'`,
        [clock.toISOString()],
      )
    ).rows[0]!;
  const identityOf = async (who: keyof typeof EMAIL) =>
    (
      await db.query<{ reachable: boolean; unreachable_reason: string | null }>(
        `SELECT i.reachable, i.unreachable_reason FROM platform_identities i JOIN people p ON p.id = i.person_id
          WHERE p.email = $1`,
        [EMAIL[who]],
      )
    ).rows[0]!;

  /** Plans one message for `who`, runs one tick, and checks the row and the identity against `expected`. */
  const deliverAndCheck = async (who: keyof typeof EMAIL, platform: Platform, expected: Outcome) => {
    await enqueueOutbox(db, { dedupeKey: 'scope-test', personId: await personId(db, who), payload });
    const d = dispatcher();
    expect(await d.tick()).toBe(1);
    const after = await row();
    const identity = await identityOf(who);
    if (expected.scope === 'sent') {
      expect(after).toMatchObject({ status: 'sent', platform, last_error_class: null });
      expect(identity).toEqual({ reachable: true, unreachable_reason: null });
      return;
    }
    const reason = expected.reason;
    switch (expected.scope) {
      case 'recipient':
        expect(after).toMatchObject({ status: 'failed', platform, last_error_class: 'recipient' });
        expect(after.last_error?.startsWith(reason)).toBe(true);
        expect(identity.reachable).toBe(false);
        expect(identity.unreachable_reason?.startsWith(reason)).toBe(true);
        expect(await d.tick()).toBe(0);
        return;
      case 'message':
      case 'app':
        expect(after).toMatchObject({ status: 'failed', platform, last_error_class: expected.scope });
        expect(after.last_error?.startsWith(reason)).toBe(true);
        expect(identity).toEqual({ reachable: true, unreachable_reason: null });
        expect(await d.tick()).toBe(0);
        // An app problem is the admin's to fix: it is logged as an error, a refused message as a warning.
        expect(
          logs.lines
            .filter((l) => l.scope === expected.scope && String(l.msg).startsWith('outbox:'))
            .map((l) => l.level),
        ).toEqual([expected.scope === 'app' ? 50 : 40]);
        return;
      case 'transient': {
        expect(after).toMatchObject({ status: 'pending', attempts: 1, platform, last_error_class: 'transient' });
        expect(after.last_error?.startsWith(reason)).toBe(true);
        expect(identity).toEqual({ reachable: true, unreachable_reason: null });
        const [min, max] = Array.isArray(expected.retryInS)
          ? expected.retryInS
          : [expected.retryInS, expected.retryInS];
        expect(after.retry_in_s).toBeGreaterThanOrEqual(min!);
        expect(after.retry_in_s).toBeLessThanOrEqual(max!);
        // Not before the hint, and sent once it has passed and the platform answers again.
        expect(await d.tick()).toBe(0);
        slackApi.reset();
        connector.reset();
        clock = new Date(clock.getTime() + (after.retry_in_s + 1) * 1000);
        expect(await d.tick()).toBe(1);
        expect(await row()).toMatchObject({ status: 'sent', attempts: 2, platform });
        return;
      }
      default: {
        const unknown: never = expected;
        throw new Error(`no check for ${JSON.stringify(unknown)}`);
      }
    }
  };

  const slackFails =
    (failure: FakeFailure, times = 1) =>
    () =>
      slackApi.fail('chat.postMessage', failure, times);
  const slackError = (error: string, times = 1) => slackFails({ kind: 'error', error }, times);

  /** A Slack `error` code answered with HTTP 200, as the Web API does. */
  const slackCode = (error: string, scope: DeliveryScope, times = 1): Case => ({
    name: error,
    arrange: slackError(error, times),
    expected: { scope, reason: `slack:${error}`, ...(scope === 'transient' ? { retryInS: BACKOFF } : {}) },
  });

  const slackCases: Case[] = [
    { name: 'delivered', arrange: () => undefined, expected: { scope: 'sent' } },
    // The stored DM is reopened once; when Slack still does not know it, the person is gone.
    slackCode('channel_not_found', 'recipient', 2),
    slackCode('user_not_found', 'recipient'),
    slackCode('is_archived', 'recipient'),
    slackCode('not_in_channel', 'recipient'),
    slackCode('user_disabled', 'recipient'),
    slackCode('cannot_dm_bot', 'recipient'),
    // Slack: "the token is for a deleted user or workspace" — the installation, not the person.
    slackCode('account_inactive', 'app'),
    slackCode('invalid_auth', 'app'),
    slackCode('token_revoked', 'app'),
    slackCode('missing_scope', 'app'),
    slackCode('invalid_blocks', 'message'),
    slackCode('msg_too_long', 'message'),
    slackCode('no_text', 'message'),
    slackCode('internal_error', 'transient'),
    slackCode('fatal_error', 'transient'),
    {
      name: '429 with Retry-After: 120',
      arrange: slackFails({ kind: 'ratelimited', retryAfterSeconds: 120 }),
      expected: { scope: 'transient', reason: 'slack:ratelimited', retryInS: 120 },
    },
    {
      name: 'ratelimited in a 200 answer (no Retry-After)',
      arrange: slackError('ratelimited'),
      expected: { scope: 'transient', reason: 'slack:ratelimited', retryInS: 30 },
    },
    {
      name: 'HTTP 500',
      arrange: slackFails({ kind: 'http', status: 500 }),
      expected: { scope: 'transient', reason: 'slack:http_500', retryInS: BACKOFF },
    },
    {
      name: 'HTTP 503',
      arrange: slackFails({ kind: 'http', status: 503 }),
      expected: { scope: 'transient', reason: 'slack:http_503', retryInS: BACKOFF },
    },
    {
      name: 'network (connection dropped)',
      arrange: slackFails({ kind: 'drop' }),
      expected: { scope: 'transient', reason: 'slack:network', retryInS: BACKOFF },
    },
    // The API host itself refuses us (a wrong SLACK_API_URL, a proxy): nothing to do with the person.
    {
      name: 'HTTP 404 from the API host',
      arrange: slackFails({ kind: 'http', status: 404 }),
      expected: { scope: 'app', reason: 'slack:http_404' },
    },
  ];

  it.each(slackCases)('Slack: $name', async ({ arrange, expected }) => {
    arrange();
    await deliverAndCheck('amira', 'slack', expected);
  });

  const teamsFails = (failure: Omit<ConnectorFailure, 'match'>) => (): void =>
    connector.fail({ times: 10, ...failure, match: (c) => c.kind === 'send' });

  const teamsCases: Case[] = [
    { name: 'delivered', arrange: () => undefined, expected: { scope: 'sent' } },
    {
      name: '403 ConversationBlockedByUser',
      arrange: teamsFails({ status: 403, code: 'ConversationBlockedByUser' }),
      expected: { scope: 'recipient', reason: '403 ConversationBlockedByUser' },
    },
    {
      name: '403 BotNotInConversationRoster',
      arrange: teamsFails({ status: 403, code: 'BotNotInConversationRoster' }),
      expected: { scope: 'recipient', reason: '403 BotNotInConversationRoster' },
    },
    {
      name: '404 ConversationNotFound',
      arrange: teamsFails({ status: 404, code: 'ConversationNotFound' }),
      expected: { scope: 'recipient', reason: '404 ConversationNotFound' },
    },
    {
      name: '403 BotDisabledByAdmin',
      arrange: teamsFails({ status: 403, code: 'BotDisabledByAdmin' }),
      expected: { scope: 'app', reason: '403 BotDisabledByAdmin' },
    },
    {
      name: '400 bad activity',
      arrange: teamsFails({ status: 400, code: 'BadArgument' }),
      expected: { scope: 'message', reason: '400 BadArgument' },
    },
    {
      name: '413 MessageSizeTooBig',
      arrange: teamsFails({ status: 413, code: 'MessageSizeTooBig' }),
      expected: { scope: 'message', reason: '413 MessageSizeTooBig' },
    },
    {
      name: '401 credentials refused',
      arrange: teamsFails({ status: 401, code: 'Unauthorized' }),
      expected: { scope: 'app', reason: '401 Unauthorized' },
    },
    {
      name: '429 with Retry-After: 30',
      arrange: teamsFails({ status: 429, code: 'Throttled', headers: { 'retry-after': '30' } }),
      expected: { scope: 'transient', reason: '429 Throttled', retryInS: 30 },
    },
    {
      name: '412 precondition failed',
      arrange: teamsFails({ status: 412, code: 'PreconditionFailed' }),
      expected: { scope: 'transient', reason: '412 PreconditionFailed', retryInS: 1 },
    },
    {
      name: '503 service unavailable',
      arrange: teamsFails({ status: 503 }),
      expected: { scope: 'transient', reason: '503', retryInS: 5 },
    },
    {
      name: '502 bad gateway',
      arrange: teamsFails({ status: 502 }),
      expected: { scope: 'transient', reason: '502', retryInS: 5 },
    },
    {
      name: 'network (connection dropped)',
      arrange: teamsFails({ status: 0, destroy: true }),
      expected: { scope: 'transient', reason: 'network', retryInS: 5 },
    },
  ];

  it.each(teamsCases)('Teams: $name', async ({ arrange, expected }) => {
    arrange();
    await deliverAndCheck('tom', 'teams', expected);
  });

  it('Teams: a card that can no longer be updated is posted anew, and the person stays reachable', async () => {
    connector.fail({ status: 404, code: 'ActivityNotFound', times: 10, match: (c) => c.kind === 'update' });
    const replaces = { platform: 'teams' as const, channelId: TEAMS_USERS.tom.conversationId, messageId: 'gone-1' };
    await enqueueOutbox(db, {
      dedupeKey: 'scope-test',
      personId: await personId(db, 'tom'),
      payload: { ...payload, replaces },
    });
    expect(await dispatcher().tick()).toBe(1);
    expect(await row()).toMatchObject({ status: 'sent', platform: 'teams' });
    expect(connector.calls.map((c) => [c.kind, c.status])).toEqual([
      ['update', 404],
      ['send', 200],
    ]);
    expect(await identityOf('tom')).toEqual({ reachable: true, unreachable_reason: null });
  });

  it('playground: delivered to the person’s log', async () => {
    await deliverAndCheck('jan', 'web', { scope: 'sent' });
  });

  it('playground: someone with no identity yet is reached through the fallback surface', async () => {
    await enqueueOutbox(db, { dedupeKey: 'scope-test', personId: await personId(db, 'lien'), payload });
    expect(await dispatcher().tick()).toBe(1);
    expect(await row()).toMatchObject({ status: 'pending', last_error_class: 'no_identity' });
    clock = new Date(clock.getTime() + 61 * 60_000);
    expect(await dispatcher({ fallbackPlatform: 'web' }).tick()).toBe(1);
    expect(await row()).toMatchObject({ status: 'sent', platform: 'web' });
  });

  it('a surface asked for another platform’s person fails the message as the app’s fault, not the person’s', async () => {
    // A wiring fault: the Slack slot holds the playground, which refuses a Slack recipient.
    const miswired = () => new Map<Platform, Surface>([['slack', web.surface]]);
    await enqueueOutbox(db, { dedupeKey: 'scope-test', personId: await personId(db, 'amira'), payload });
    expect(await dispatcher({ surfaces: miswired }).tick()).toBe(1);
    expect(await row()).toMatchObject({ status: 'failed', last_error_class: 'app', last_error: 'not a web recipient' });
    expect(await identityOf('amira')).toEqual({ reachable: true, unreachable_reason: null });
  });
});
