// Message activities are acknowledged before the core runs and answered through the connector; one person's
// messages are handled in the order they came; a turn over its time budget gets an error reply (logged with its
// event key) and its late answer goes to the outbox instead of being lost. Invokes stay in the request.
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/index.js';
import { createMetrics } from '../../app/http/metrics.js';
import { startHttpServer } from '../../app/http/server.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Inbound, Outbound } from '../../bot/core/types.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { captureLogs } from '../slack/support.js';
import { startTeamsHarness, type TeamsHarness, TENANT, USERS } from './harness.js';

/** A core whose answers wait until the test releases them. */
function gatedBot() {
  const gates: { inbound: Inbound; release: (outs: Outbound[]) => void }[] = [];
  const deferred: { replies: Outbound[]; key: string }[] = [];
  const bot: Bot = {
    handle: (inbound) => new Promise((resolve) => gates.push({ inbound, release: resolve })),
    directory: async () => [],
    saveReference: async () => undefined,
    home: async () => null,
    deliverLater: async (_from, replies, key) => {
      deferred.push({ replies, key });
    },
  };
  return { bot, gates, deferred };
}

const until = async (probe: () => boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Teams message activities: ack first, reply through the connector', () => {
  let harness: TeamsHarness | undefined;
  let extra: { stop(): Promise<void> } | undefined;
  let connector: FakeBotConnector | undefined;
  afterEach(async () => {
    await harness?.close();
    await extra?.stop();
    await connector?.close();
    harness = undefined;
    extra = undefined;
    connector = undefined;
  });

  const raw = (url: string, activity: unknown) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

  it('answers 200 before the turn runs and posts the reply through the connector afterwards', async () => {
    const { bot, gates } = gatedBot();
    harness = await startTeamsHarness({ bot });
    const res = await raw(harness.url, harness.activity('message', USERS.tom, { text: 'hulp' }));
    expect(res.status).toBe(200);
    await until(() => gates.length === 1, 'the turn to start');
    expect(harness.connector.sent()).toEqual([]);
    gates[0]!.release([{ text: 'antwoord' }]);
    await harness.adapter.idle();
    expect(harness.connector.sent()).toMatchObject([{ type: 'message', text: 'antwoord' }]);
  });

  it("handles one person's messages in the order they came, others' meanwhile", async () => {
    const { bot, gates } = gatedBot();
    harness = await startTeamsHarness({ bot });
    const h = harness;
    for (const text of ['een', 'twee', 'drie']) {
      expect((await raw(h.url, h.activity('message', USERS.tom, { text }))).status).toBe(200);
    }
    expect((await raw(h.url, h.activity('message', USERS.lien, { text: 'andere' }))).status).toBe(200);
    // Tom's first turn and Lien's run; Tom's second waits for his first.
    await until(() => gates.length === 2, "Tom's first and Lien's turn");
    const texts = () => gates.map((g) => (g.inbound.kind === 'text' ? g.inbound.text : ''));
    expect(texts().sort()).toEqual(['andere', 'een']);
    await new Promise((r) => setTimeout(r, 50));
    expect(gates).toHaveLength(2);
    const gateOf = (text: string) => gates.find((g) => g.inbound.kind === 'text' && g.inbound.text === text)!;
    gateOf('een').release([{ text: 're: een' }]);
    await until(() => gates.length === 3, "Tom's second turn");
    expect(texts()[2]).toBe('twee');
    gateOf('twee').release([{ text: 're: twee' }]);
    await until(() => gates.length === 4, "Tom's third turn");
    expect(texts()[3]).toBe('drie');
    gateOf('drie').release([{ text: 're: drie' }]);
    gateOf('andere').release([{ text: 're: andere' }]);
    await h.adapter.idle();
    const tom = h.connector
      .sent()
      .filter((a) => (a.conversation as { id: string }).id === USERS.tom.conversationId)
      .map((a) => a.text);
    expect(tom).toEqual(['re: een', 're: twee', 're: drie']);
  });

  it('answers a turn over its budget with an error reply, logs its event key, and keeps the late answer', async () => {
    const { bot, gates, deferred } = gatedBot();
    connector = await startFakeBotConnector();
    connector.addMember({
      id: USERS.tom.id,
      name: USERS.tom.name,
      aadObjectId: USERS.tom.aadObjectId,
      email: USERS.tom.email,
      tenantId: TENANT,
    });
    const logs = captureLogs('info');
    const adapter = createTeamsAdapter({ config: {}, bot, logger: logs.logger, turnBudgetMs: 200 });
    const http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: () => adapter.routes,
      logger: silentLogger,
      metrics: createMetrics(),
    });
    extra = {
      stop: async () => {
        await adapter.stop();
        await http.stop();
      },
    };
    const activity = {
      type: 'message',
      id: 'slow-1',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: USERS.tom.id, name: USERS.tom.name, aadObjectId: USERS.tom.aadObjectId },
      conversation: { conversationType: 'personal', tenantId: TENANT, id: USERS.tom.conversationId },
      recipient: { id: '28:bot', name: 'Leerkans' },
      text: 'hulp',
      locale: 'en-GB',
    };
    expect((await raw(`http://127.0.0.1:${http.port}`, activity)).status).toBe(200);
    await adapter.idle();
    const c = connector;
    expect(c.sent()).toMatchObject([{ text: t('en-GB', 'common.error') }]);
    expect(logs.lines.find((l) => l.event === 'turn.timeout')).toMatchObject({ key: 'teams:slow-1', budgetMs: 200 });
    gates[0]!.release([{ text: 'eindelijk' }]);
    await until(() => deferred.length === 1, 'the late answer to be deferred');
    expect(deferred[0]).toEqual({ replies: [{ text: 'eindelijk' }], key: 'teams:slow-1:late' });
  });

  it('keeps Action.Execute invokes in the request: the card comes back in the HTTP answer', async () => {
    const { bot, gates } = gatedBot();
    harness = await startTeamsHarness({ bot });
    const h = harness;
    const invoke = h.activity('invoke-action', USERS.jan);
    const pending = raw(h.url, invoke);
    await until(() => gates.length === 1, 'the invoke turn');
    let answered = false;
    void pending.then(() => {
      answered = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    gates[0]!.release([{ text: 'Bedankt!' }]);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, value: 'Bedankt!' });
  });
});
