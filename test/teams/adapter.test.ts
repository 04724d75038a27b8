// What the adapter hands the core and how it answers, with a recording stand-in for the core: event keys,
// identities and emails, mention stripping, card-action data, invoke responses, scopes and failures.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Inbound, Outbound } from '../../bot/core/types.js';
import { t } from '../../bot/i18n/index.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { recordingBot, startTeamsHarness, TENANT, type TeamsHarness, USERS } from './harness.js';

describe('Teams adapter ↔ core', () => {
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  const bot = recordingBot();

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    harness = await startTeamsHarness({ bot, connector });
  });
  afterAll(async () => {
    await harness.close();
    await connector.close();
  });
  beforeEach(() => {
    bot.inbound.length = 0;
    bot.references.length = 0;
    bot.reply = () => [{ text: 'ok' }];
    connector.reset();
  });

  it('sends the text without the mention, keyed by the activity id, from tenant + AAD object id with the email', async () => {
    const activity = harness.activity('message', USERS.tom); // "<at>Leerkans</at> reflectie"
    expect((await harness.post(activity)).status).toBe(200);
    expect(bot.inbound).toEqual([
      {
        kind: 'text',
        text: 'reflectie',
        key: `teams:${activity.id}`,
        from: {
          platform: 'teams',
          tenantId: TENANT,
          userId: USERS.tom.aadObjectId,
          email: USERS.tom.email,
          displayName: USERS.tom.name,
        },
      },
    ]);
    // The reply goes to Tom's chat; the reference is stored once the core has seen him.
    expect(connector.sent()).toMatchObject([{ type: 'message', text: 'ok' }]);
    expect(bot.references).toHaveLength(1);
    expect(bot.references[0]!.reference).toMatchObject({ conversation: { id: USERS.tom.conversationId } });
  });

  it('asks Teams for the email once per user and process, and again after a failed look-up', async () => {
    const lien = USERS.lien;
    connector.fail({ status: 503, times: 2, match: (c) => c.kind === 'member' });
    await harness.post(harness.activity('message', lien, { text: 'hulp' }));
    expect(bot.inbound[0]!.from.email).toBeUndefined();
    await harness.post(harness.activity('message', lien, { text: 'hulp' }));
    await harness.post(harness.activity('message', lien, { text: 'hulp' }));
    expect(bot.inbound.map((i) => i.from.email)).toEqual([undefined, lien.email, lien.email]);
    // 2 failed attempts (one retried inline) + 1 successful; the third message used the cache.
    expect(connector.calls.filter((c) => c.kind === 'member')).toHaveLength(3);
  });

  it('turns Action.Execute data into the core action: verb, data without the verb, inputs as strings', async () => {
    const invoke = harness.activity('invoke-action', USERS.jan, {
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'feedback.submit',
          data: { verb: 'feedback.submit', requestId: '12', level: 3, tags: ['a', 'b'] },
        },
        trigger: 'manual',
      },
    });
    bot.reply = () => [{ text: 'Bedankt!' }];
    const res = await harness.post(invoke);
    expect(bot.inbound[0]).toMatchObject({
      kind: 'action',
      verb: 'feedback.submit',
      data: { requestId: '12', level: 3, tags: ['a', 'b'] },
      inputs: { requestId: '12', level: '3', tags: '["a","b"]' },
      key: `teams:${invoke.id}`,
      message: { platform: 'teams', channelId: USERS.jan.conversationId, messageId: '1796183245123' },
    });
    // No replacing card: the invoke is answered with a message, and the text is also posted in the chat.
    expect(res).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Bedankt!' },
    });
    expect(connector.sent()).toMatchObject([{ text: 'Bedankt!' }]);
  });

  it('answers with the replacing card and posts nothing else', async () => {
    const invoke = harness.activity('invoke-action', USERS.jan);
    bot.reply = (inbound: Inbound): Outbound[] => [
      {
        text: 'Bedankt',
        card: { kind: 'thanks', fallbackText: 'Bedankt', elements: [{ type: 'text', text: 'Genoteerd.' }] },
        replaces: (inbound as Extract<Inbound, { kind: 'action' }>).message!,
      },
    ];
    const res = await harness.post(invoke);
    const body = res.body as { type: string; value: { body: { text: string }[] } };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.body[0]!.text).toBe('Genoteerd.');
    expect(connector.calls.filter((c) => c.kind !== 'member')).toEqual([]);
  });

  it('ignores group chats and channels (the app is personal only) and empty messages', async () => {
    const group = harness.activity('message', USERS.tom, { text: 'hulp' });
    (group.conversation as Record<string, unknown>).conversationType = 'groupChat';
    expect((await harness.post(group)).status).toBe(200);
    expect((await harness.post(harness.activity('message', USERS.tom, { text: '<at>Leerkans</at>' }))).status).toBe(
      200,
    );
    expect(bot.inbound).toEqual([]);
    expect(connector.sent()).toEqual([]);
  });

  it('apologises in the user language when the core fails, and still answers 200', async () => {
    bot.reply = () => {
      throw new Error('database down');
    };
    const res = await harness.post(harness.activity('message', USERS.tom, { text: 'hulp', locale: 'en-GB' }));
    expect(res.status).toBe(200);
    expect(connector.sent()).toMatchObject([{ text: t('en-GB', 'common.error') }]);
  });

  it('falls back to the text when a card cannot be rendered', async () => {
    bot.reply = () => [
      {
        text: 'Alleen tekst',
        card: {
          kind: 'broken',
          fallbackText: 'x',
          elements: [
            { type: 'input', id: 'same', label: 'a' },
            { type: 'input', id: 'same', label: 'b' },
          ],
        },
      },
    ];
    await harness.post(harness.activity('message', USERS.tom, { text: 'hulp' }));
    expect(connector.sent()).toMatchObject([{ text: 'Alleen tekst' }]);
    expect(connector.sent()[0]!.attachments).toBeUndefined();
  });

  it('refuses new activities with 503 once stopping', async () => {
    const other = await startTeamsHarness({ bot, connector });
    await other.adapter.stop();
    expect((await other.post(other.activity('message', USERS.tom, { text: 'hulp' }))).status).toBe(503);
    await other.close();
  });
});
