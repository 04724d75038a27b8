// Proactive sends (`surface.send`, what the outbox dispatcher calls) against the fake Bot Connector: success,
// throttling, outages and each terminal Teams error, the 1:1 chat created once, and no long sleeps inside
// botbuilder (the Azure SDK's default retry would wait out a Retry-After of minutes in the request).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../bot/core/types.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { authenticated, BOT_ID, recordingBot, startTeamsHarness, TENANT, type TeamsHarness, USERS } from './harness.js';

describe('Teams proactive sends', () => {
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  const bot = recordingBot();

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    harness = await startTeamsHarness({ bot, connector, ...authenticated(connector) });
  });
  afterAll(async () => {
    await harness.close();
    await connector.close();
  });
  beforeEach(() => {
    connector.reset();
    bot.references.length = 0;
  });

  const reference = () => ({
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: USERS.jan.conversationId, conversationType: 'personal', tenantId: TENANT },
    user: { id: USERS.jan.id, aadObjectId: USERS.jan.aadObjectId },
    bot: { id: BOT_ID },
  });
  const jan = (ref: unknown = reference()): Recipient => ({
    personId: 7,
    platform: 'teams',
    tenantId: TENANT,
    userId: USERS.jan.aadObjectId,
    reference: ref,
    locale: 'nl-BE',
  });
  const send = (to: Recipient = jan()) => harness.adapter.surface.send(to, { text: 'Hoe ging je shift vandaag?' });
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await fn();
    return [value, performance.now() - start];
  };

  it('continues the stored conversation and returns where the message lives', async () => {
    const delivery = await send();
    expect(delivery).toMatchObject({ ok: true, message: { platform: 'teams', channelId: USERS.jan.conversationId } });
    const [call] = connector.calls;
    expect(call).toMatchObject({ kind: 'send', conversationId: USERS.jan.conversationId });
    expect(call!.authorization).toBe('Bearer outbound-test-token');
    expect(call!.body).toMatchObject({ type: 'message', text: 'Hoe ging je shift vandaag?' });
    // A new post, not a reply to an old activity.
    expect(call!.body?.replyToId).toBeUndefined();
  });

  it('sends a card as an Adaptive Card attachment and updates it in place when asked', async () => {
    const card = {
      kind: 'nudge',
      fallbackText: 'Reflectie',
      elements: [{ type: 'text' as const, text: 'Hoe ging het?' }],
    };
    const sent = await harness.adapter.surface.send(jan(), { text: 'Reflectie', card });
    expect(sent.ok).toBe(true);
    const body = connector.calls[0]!.body as { attachments: { contentType: string; content: { version: string } }[] };
    expect(body.attachments[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive' });
    expect(body.attachments[0]!.content.version).toBe('1.5');
    const ref = (sent as { message: { channelId: string; messageId: string } }).message;
    const updated = await harness.adapter.surface.send(jan(), {
      text: 'Bedankt',
      card,
      replaces: { platform: 'teams', ...ref },
    });
    expect(updated).toEqual({ ok: true, message: { platform: 'teams', ...ref } });
    expect(connector.updates()).toHaveLength(1);
    expect(connector.updates()[0]!.activityId).toBe(ref.messageId);
  });

  it('gives a 429 back with its Retry-After instead of sleeping in the request', async () => {
    connector.fail({ status: 429, headers: { 'retry-after': '30' }, code: 'Throttled', times: 5 });
    const [delivery, ms] = await timed(() => send());
    expect(delivery).toEqual({
      ok: false,
      scope: 'transient',
      retryAfterMs: 30_000,
      throttled: true,
      reason: '429 Throttled: throttled',
    });
    // Far below the 30 s asked for: the wait is given back, not slept.
    expect(ms).toBeLessThan(15_000);
    expect(connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
  });

  // The outbox retries proactive sends itself, under its rate limit and the platform's Retry-After: an in-request
  // retry would be a request the rate limiter never saw (replies inside a turn keep their one quick retry).
  it('gives even a one-second 429 back to the outbox, without a retry of its own', async () => {
    connector.fail({ status: 429, headers: { 'retry-after': '1' } });
    const delivery = await send();
    expect(delivery).toEqual({
      ok: false,
      scope: 'transient',
      retryAfterMs: 1000,
      throttled: true,
      reason: '429 ServiceError: throttled',
    });
    expect(connector.calls.filter((c) => c.kind === 'send').map((c) => c.status)).toEqual([429]);
  });

  it('reports a 503 as retryable at once, for the outbox to retry', async () => {
    connector.fail({ status: 503, times: 10 });
    const [delivery, ms] = await timed(() => send());
    expect(delivery).toMatchObject({ ok: false, scope: 'transient', retryAfterMs: 5000 });
    expect(connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
    // Handed back with 5 s for the outbox, not after sleeping 5 s.
    expect(ms).toBeLessThan(5000);
  });

  it('reports a dropped connection as a retryable network failure', async () => {
    connector.fail({ status: 0, destroy: true, times: 2 });
    const delivery = await send();
    expect(delivery).toMatchObject({ ok: false, scope: 'transient', reason: expect.stringMatching(/^network/) });
  });

  it.each([
    [403, 'ConversationBlockedByUser', 'recipient'],
    [403, 'BotNotInConversationRoster', 'recipient'],
    [403, 'BotDisabledByAdmin', 'app'],
    [403, 'ForbiddenOperationException', 'recipient'],
    [404, 'ConversationNotFound', 'recipient'],
    [413, 'MessageSizeTooBig', 'message'],
    [400, 'BadArgument', 'message'],
    [401, 'Unauthorized', 'app'],
  ])('classifies %i %s as about the %s, after one attempt', async (status, code, scope) => {
    connector.fail({ status, code, times: 3 });
    const delivery = await send();
    expect(delivery).toMatchObject({ ok: false, scope });
    expect((delivery as { reason: string }).reason).toContain(`${status} ${code}`);
    expect(connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
  });

  it('creates the 1:1 chat once when only user and tenant are known, and stores its reference', async () => {
    const unknown = jan(null);
    const deliveries = await Promise.all([send(unknown), send(unknown), send(unknown)]);
    expect(deliveries.every((d) => d.ok)).toBe(true);
    const creates = connector.calls.filter((c) => c.kind === 'create');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toMatchObject({
      isGroup: false,
      bot: { id: BOT_ID },
      members: [{ id: USERS.jan.aadObjectId }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    expect(bot.references).toHaveLength(1);
    const stored = bot.references[0]!;
    expect(stored.from).toEqual({ platform: 'teams', tenantId: TENANT, userId: USERS.jan.aadObjectId });
    const conversationId = (stored.reference as { conversation: { id: string } }).conversation.id;
    expect(conversationId).toMatch(/^a:created-/);
    expect(connector.calls.filter((c) => c.kind === 'send').map((c) => c.conversationId)).toEqual([
      conversationId,
      conversationId,
      conversationId,
    ]);
    // Later sends use the stored reference; no second chat is created.
    await send(jan(stored.reference));
    expect(connector.calls.filter((c) => c.kind === 'create')).toHaveLength(1);
  });

  it('refuses recipients of other platforms', async () => {
    expect(await harness.adapter.surface.send({ ...jan(), platform: 'slack' }, { text: 'x' })).toMatchObject({
      ok: false,
      scope: 'app',
    });
  });
});
