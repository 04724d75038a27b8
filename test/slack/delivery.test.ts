// The outbox path: surface.send(recipient, outbound) → Delivery, with the real WebClient talking to the fake
// Slack API. 429 → retryAfterMs from Retry-After (no sleeping), 5xx and network → retryable, Slack's terminal
// errors → their scope, stale DM ids reopened, and the mapping table itself.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT_MS,
  deliveryFromError,
  fromHttpStatus,
  fromSlackError,
  TERMINAL_SLACK_ERRORS,
} from '../../adapters/slack/delivery-errors.js';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Outbound, PlatformIdentity, Recipient } from '../../bot/core/types.js';
import { silentLogger } from '../../bot/log/logger.js';
import { actions, card, text } from '../../cards/spec.js';
import { dmChannelFor, FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';
import { USERS } from './support.js';

const saved: { from: PlatformIdentity; reference: unknown }[] = [];
const bot: Bot = {
  handle: async () => [],
  directory: async () => [],
  saveReference: async (from, reference) => {
    saved.push({ from, reference });
  },
  home: async () => null,
  deliverLater: async () => undefined,
};

const recipient = (patch: Partial<Recipient> = {}): Recipient => ({
  personId: 7,
  platform: 'slack',
  tenantId: 'T0LEERKANS',
  userId: USERS.jan.id,
  reference: { channelId: dmChannelFor(USERS.jan.id) },
  locale: 'nl-BE',
  ...patch,
});

const nudge: Outbound = {
  text: 'Je shift is voorbij. Zin om kort te reflecteren?',
  card: card({
    kind: 'nudge',
    fallbackText: 'Je shift is voorbij.',
    elements: [
      text('Je shift is voorbij. Zin om kort te reflecteren?'),
      actions({ verb: 'reflection.start', label: 'Start' }),
    ],
  }),
};

describe('Slack surface.send (outbox path)', () => {
  let fake: FakeSlackApi;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    for (const user of Object.values(USERS)) fake.addUser(user);
    adapter = createSlackAdapter({
      config: {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: fake.url.replace(/\/$/, ''), // without the trailing slash: the adapter adds it
      },
      bot,
      logger: silentLogger,
    })!;
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    saved.length = 0;
  });

  it('posts to the stored DM channel with Block Kit blocks and the text as fallback', async () => {
    const delivery = await adapter.surface.send(recipient(), nudge);
    expect(delivery).toEqual({
      ok: true,
      message: { platform: 'slack', channelId: dmChannelFor(USERS.jan.id), messageId: expect.any(String) },
    });
    const [post] = fake.callsTo('chat.postMessage');
    expect(post?.token).toBe(FAKE_BOT_TOKEN);
    expect(post?.args).toMatchObject({ channel: dmChannelFor(USERS.jan.id), text: nudge.text });
    expect(post?.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions' })]));
    expect(fake.callsTo('conversations.open')).toHaveLength(0);
  });

  it('opens the DM once when no channel is stored, and hands the id to the core', async () => {
    const r = recipient({ userId: USERS.tom.id, reference: null });
    expect((await adapter.surface.send(r, nudge)).ok).toBe(true);
    expect((await adapter.surface.send(r, nudge)).ok).toBe(true);
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual([
      dmChannelFor(USERS.tom.id),
      dmChannelFor(USERS.tom.id),
    ]);
    expect(saved).toEqual([
      {
        from: { platform: 'slack', tenantId: 'T0LEERKANS', userId: USERS.tom.id },
        reference: { channelId: dmChannelFor(USERS.tom.id) },
      },
    ]);
  });

  it('replaces a card with chat.update', async () => {
    const replaces = {
      platform: 'slack' as const,
      channelId: dmChannelFor(USERS.jan.id),
      messageId: '1760000000.000009',
    };
    const delivery = await adapter.surface.send(recipient(), { text: 'Bedankt!', replaces });
    expect(delivery).toEqual({ ok: true, message: replaces });
    expect(fake.callsTo('chat.update')[0]?.args).toMatchObject({
      channel: replaces.channelId,
      ts: replaces.messageId,
      blocks: [],
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('maps a 429 to retryAfterMs from Retry-After, without waiting for it', async () => {
    fake.fail('chat.postMessage', { kind: 'ratelimited', retryAfterSeconds: 120 });
    const started = Date.now();
    const delivery = await adapter.surface.send(recipient(), nudge);
    // Far below the 120 s asked for: the request gave the wait back instead of sleeping it.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(delivery).toEqual({
      ok: false,
      scope: 'transient',
      retryAfterMs: 120_000,
      throttled: true,
      reason: 'slack:ratelimited (429)',
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps a 500 and a dropped connection to retryable, once each (the outbox retries)', async () => {
    fake.fail('chat.postMessage', { kind: 'http', status: 500 });
    // No hint: the outbox's own backoff decides when.
    expect(await adapter.surface.send(recipient(), nudge)).toEqual({
      ok: false,
      scope: 'transient',
      reason: 'slack:http_500',
    });
    fake.fail('chat.postMessage', { kind: 'drop' });
    const dropped = await adapter.surface.send(recipient(), nudge);
    expect(dropped).toEqual({ ok: false, scope: 'transient', reason: expect.stringMatching(/^slack:network/) });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it.each([
    ['account_inactive', 'app'],
    ['user_not_found', 'recipient'],
    ['not_in_channel', 'recipient'],
    ['cannot_dm_bot', 'recipient'],
    ['user_disabled', 'recipient'],
    ['is_archived', 'recipient'],
    ['invalid_auth', 'app'],
    ['invalid_blocks', 'message'],
  ])('maps %s to the %s scope', async (error, scope) => {
    fake.fail('chat.postMessage', { kind: 'error', error });
    expect(await adapter.surface.send(recipient(), nudge)).toEqual({ ok: false, scope, reason: `slack:${error}` });
  });

  it('reports the recipient when the DM cannot be opened (user_not_found on conversations.open)', async () => {
    const delivery = await adapter.surface.send(recipient({ userId: 'U0NOBODY00', reference: null }), nudge);
    expect(delivery).toEqual({ ok: false, scope: 'recipient', reason: 'slack:user_not_found' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('reopens a stored DM channel Slack no longer knows, and stores the new id', async () => {
    fake.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    const delivery = await adapter.surface.send(recipient({ reference: { channelId: 'D0STALE000' } }), nudge);
    expect(delivery.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual([
      'D0STALE000',
      dmChannelFor(USERS.jan.id),
    ]);
    expect(saved.at(-1)?.reference).toEqual({ channelId: dmChannelFor(USERS.jan.id) });
  });

  it('refuses a recipient of another platform as a fault of the app, not of the person', async () => {
    expect(await adapter.surface.send(recipient({ platform: 'teams' }), nudge)).toMatchObject({
      ok: false,
      scope: 'app',
    });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('Slack error mapping table', () => {
  it('classifies every listed code with its scope, and unknown codes as transient', () => {
    for (const [code, scope] of Object.entries(TERMINAL_SLACK_ERRORS)) {
      expect(fromSlackError(code)).toEqual({ ok: false, scope, reason: `slack:${code}` });
    }
    expect(fromSlackError('internal_error')).toEqual({ ok: false, scope: 'transient', reason: 'slack:internal_error' });
    expect(fromSlackError('ratelimited')).toMatchObject({ scope: 'transient', retryAfterMs: DEFAULT_RATE_LIMIT_MS });
    expect(fromSlackError('something_new')).toMatchObject({ ok: false, scope: 'transient' });
    // Not a table entry, whatever Object.prototype has.
    expect(fromSlackError('constructor')).toMatchObject({ scope: 'transient' });
  });

  it('classifies HTTP statuses', () => {
    expect(fromHttpStatus(429, { 'retry-after': '7' })).toMatchObject({ retryAfterMs: 7000 });
    expect(fromHttpStatus(429)).toMatchObject({ retryAfterMs: DEFAULT_RATE_LIMIT_MS });
    expect(fromHttpStatus(503)).toEqual({ ok: false, scope: 'transient', reason: 'slack:http_503' });
    expect(fromHttpStatus(408)).toMatchObject({ scope: 'transient' });
    expect(fromHttpStatus(404)).toMatchObject({ scope: 'app' });
  });

  it('treats anything unexpected as retryable rather than losing the message', () => {
    expect(deliveryFromError(new TypeError('boom'))).toEqual({
      ok: false,
      scope: 'transient',
      reason: 'slack:unexpected (boom)',
    });
  });
});
