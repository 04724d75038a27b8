// After the ack, the core's work waits in a bounded queue: Slack gets its 200 at once however slow the core is;
// a full backlog answers 503 before acknowledging (Slack redelivers later); stop() waits for acknowledged work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Inbound } from '../../bot/core/types.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createMetrics } from '../../app/http/metrics.js';
import { type HttpServer, startHttpServer } from '../../app/http/server.js';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';
import { dmEvent, eventually, postEvent, SIGNING_SECRET, USERS } from './support.js';

describe('Slack work after the ack', () => {
  let fake: FakeSlackApi;
  let adapter: SlackAdapter;
  let http: HttpServer;
  let url: string;
  const handled: Inbound[] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();

  const bot: Bot = {
    async handle(inbound) {
      await gate;
      handled.push(inbound);
      return [{ text: 'ok' }];
    },
    directory: async () => [],
    saveReference: async () => undefined,
    home: async () => null,
    deliverLater: async () => undefined,
  };
  const block = () => {
    gate = new Promise((resolve) => {
      release = resolve;
    });
  };

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    for (const user of Object.values(USERS)) fake.addUser(user);
    adapter = createSlackAdapter({
      config: {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: fake.url,
      },
      bot,
      logger: silentLogger,
      maxConcurrentTurns: 1,
      maxQueuedTurns: 2,
    })!;
    await adapter.start();
    http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: () => adapter.routes,
      logger: silentLogger,
      metrics: createMetrics(),
    });
    url = `http://127.0.0.1:${http.port}`;
  });
  afterAll(async () => {
    release();
    await adapter.stop();
    await http.stop(1000);
    await fake.close();
  });

  it('acknowledges at once while the core is still busy, answers 503 when the backlog is full, and drains it', async () => {
    block();
    // Answered while the core is blocked: the ack does not wait for the turn.
    const first = await postEvent(url, dmEvent('een', USERS.amira.id));
    expect(first.status).toBe(200);
    expect(handled).toEqual([]);
    // The first turn is running (blocked in the core); two more wait; the fourth does not fit.
    await eventually(() => expect(fake.callsTo('users.info').length).toBeGreaterThan(0));
    const second = await postEvent(url, dmEvent('twee', USERS.amira.id));
    const third = await postEvent(url, dmEvent('drie', USERS.amira.id));
    const fourth = await postEvent(url, dmEvent('vier', USERS.amira.id));
    expect([second.status, third.status, fourth.status]).toEqual([200, 200, 503]);
    expect(handled).toEqual([]);

    release();
    await eventually(() =>
      expect(handled.map((i) => (i.kind === 'text' ? i.text : ''))).toEqual(['een', 'twee', 'drie']),
    );
    await eventually(() => expect(fake.callsTo('chat.postMessage')).toHaveLength(3));
    // With room again, Slack's redelivery of the refused event is taken.
    expect((await postEvent(url, dmEvent('vier', USERS.amira.id))).status).toBe(200);
    await eventually(() => expect(handled).toHaveLength(4));
  });

  it('stop() waits for acknowledged work before returning, and refuses new requests meanwhile', async () => {
    block();
    expect((await postEvent(url, dmEvent('laatste', USERS.amira.id))).status).toBe(200);
    const stopping = adapter.stop();
    expect((await postEvent(url, dmEvent('te laat', USERS.amira.id))).status).toBe(503);
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(handled.map((i) => (i.kind === 'text' ? i.text : '')).at(-1)).toBe('laatste');
  });
});
