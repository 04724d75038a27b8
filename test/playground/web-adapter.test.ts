// The web adapter's routes on a real HTTP server, with a small fake Bot standing in for the core.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebAdapter, createWebAdapter } from '../../adapters/web/index.js';
import type { PlaygroundEntry } from '../../adapters/web/hub.js';
import { createMetrics } from '../../app/http/metrics.js';
import { type HttpServer, startHttpServer } from '../../app/http/server.js';
import type { Bot, DirectoryEntry } from '../../bot/core/bot.js';
import type { Inbound, Outbound, PlatformIdentity, Recipient } from '../../bot/core/types.js';
import { silentLogger } from '../../bot/log/logger.js';
import { type CardSpec, actions, card, choice, text } from '../../cards/spec.js';
import { openSse, type SseClient } from './sse-client.js';

const AMIRA = 'amira.elidrissi@student.example.be';
const JAN = 'jan.peeters@ocmw.example.be';

const people: DirectoryEntry[] = [
  { personId: 1, name: 'Amira El Idrissi', email: AMIRA, roles: ['student'], locale: 'nl-BE' },
  { personId: 2, name: 'Jan Peeters', email: JAN, roles: ['mentor'], locale: 'nl-BE' },
];

const pickCard = card({
  kind: 'pick',
  title: 'Welke indicator?',
  fallbackText: 'Kies een indicator',
  elements: [
    text('Kies wat past.'),
    choice({
      id: 'indicators',
      label: 'Indicatoren',
      multiple: true,
      expanded: true,
      options: [
        { value: 'i1', label: 'Communiceert helder' },
        { value: 'i2', label: 'Werkt samen' },
      ],
    }),
    actions({ verb: 'pick.confirm', label: 'Bevestig', style: 'primary', submitsInputs: true, data: { r: '7' } }),
  ],
});

/** Stands in for the core: a few canned answers, and a record of what it was asked. */
class FakeBot implements Bot {
  readonly received: Inbound[] = [];
  async handle(inbound: Inbound): Promise<Outbound[]> {
    this.received.push(inbound);
    if (inbound.kind === 'text') {
      if (inbound.text === 'boom') throw new Error('core failure');
      if (inbound.text === 'kaart') return [{ text: 'Kies een indicator', card: pickCard }];
      return [{ text: `Dag ${inbound.from.displayName ?? 'onbekende'}!` }, { text: 'Nog iets?' }];
    }
    if (inbound.kind === 'action') {
      const done = card({ kind: 'done', fallbackText: 'Bevestigd', elements: [text('Bevestigd ✓')] });
      return [{ text: 'Bevestigd', card: done, ...(inbound.message ? { replaces: inbound.message } : {}) }];
    }
    return [];
  }
  async directory(): Promise<DirectoryEntry[]> {
    return people;
  }
  readonly references: { from: PlatformIdentity; reference: unknown }[] = [];
  async saveReference(from: PlatformIdentity, reference: unknown): Promise<void> {
    this.references.push({ from, reference });
  }
  async home(): Promise<CardSpec | null> {
    return null;
  }
  async deliverLater(): Promise<void> {}
}

describe('web adapter (playground)', () => {
  const bot = new FakeBot();
  let adapter: WebAdapter;
  let http: HttpServer;
  let base: string;
  const streams: SseClient[] = [];

  const events = async (email: string) => {
    const s = await openSse(`${base}/playground/events?person=${encodeURIComponent(email)}`);
    streams.push(s);
    return s;
  };
  const post = (path: string, body: unknown, contentType = 'application/json') =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const entry = (e: { data: unknown }) => e.data as PlaygroundEntry;
  let keyCounter = 0;
  const key = () => `test-key-${String(++keyCounter).padStart(4, '0')}`;

  beforeAll(async () => {
    adapter = createWebAdapter({ bot, logger: silentLogger, maxBodyBytes: 4096 });
    http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: () => adapter.routes,
      logger: silentLogger,
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${http.port}`;
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    adapter?.close();
    await http?.stop(1_000);
  });

  it('serves the page, its scripts and the official adaptivecards bundle', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('/playground/adaptivecards.js');
    expect(html).toContain('Adaptive Card JSON');

    const bundle = await fetch(`${base}/playground/adaptivecards.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).toContain('AdaptiveCard');
    expect((await fetch(`${base}/playground/adaptivecards.css`)).status).toBe(200);

    for (const asset of ['playground.js', 'playground.css', 'i18n.js', 'markdown.js', 'host-config.js', 'icon.svg']) {
      expect((await fetch(`${base}/playground/assets/${asset}`)).status, asset).toBe(200);
    }
    // Only flat, known names: no way out of public/.
    expect((await fetch(`${base}/playground/assets/..%2Fadapter.ts`)).status).toBe(404);
    expect((await fetch(`${base}/playground/assets/nope.js`)).status).toBe(404);
  });

  it('lists the roster for the person picker', async () => {
    const res = await fetch(`${base}/playground/people`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { people: { name: string; email: string; roles: string[] }[] };
    expect(body.people).toEqual([
      { name: 'Amira El Idrissi', email: AMIRA, roles: ['student'], locale: 'nl-BE' },
      { name: 'Jan Peeters', email: JAN, roles: ['mentor'], locale: 'nl-BE' },
    ]);
  });

  it('turns a message into an Inbound and pushes the replies over the person’s event stream', async () => {
    const stream = await events(AMIRA);
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.event === 'reset');
    const k = key();
    const res = await post('/playground/messages', {
      personEmail: 'Amira.ElIdrissi@student.example.be',
      text: 'hallo',
      key: k,
    });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as {
      messages: { platform: string; channelId: string; messageId: string }[];
    };
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ platform: 'web', channelId: AMIRA });

    expect(bot.received.at(-1)).toEqual({
      kind: 'text',
      text: 'hallo',
      key: `web:${k}`,
      from: { platform: 'web', tenantId: 'local', userId: AMIRA, email: AMIRA, displayName: 'Amira El Idrissi' },
    });
    // The person's own message is echoed under the client's key, then the replies in order.
    const mine = await stream.waitFor((e) => e.event === 'message' && entry(e).id === k);
    expect(entry(mine)).toMatchObject({ from: 'person', text: 'hallo' });
    const first = await stream.waitFor((e) => e.event === 'message' && entry(e).id === messages[0]!.messageId);
    expect(entry(first)).toMatchObject({ from: 'bot', text: 'Dag Amira El Idrissi!' });
    // The stream made the person reachable for proactive messages: their email is the reference.
    expect(bot.references).toContainEqual({
      from: { platform: 'web', tenantId: 'local', userId: AMIRA, email: AMIRA, displayName: 'Amira El Idrissi' },
      reference: { channelId: AMIRA },
    });
    const second = await stream.waitFor((e) => e.event === 'message' && entry(e).id === messages[1]!.messageId);
    expect(entry(second).text).toBe('Nog iets?');
    const order = stream.events.filter((e) => e.event === 'message').map((e) => entry(e).id);
    expect(order.slice(-3)).toEqual([k, messages[0]!.messageId, messages[1]!.messageId]);
  });

  it('renders cards to Adaptive Card JSON, passes an action on and replaces the card in place', async () => {
    const stream = await events(AMIRA);
    const res = await post('/playground/messages', { personEmail: AMIRA, text: 'kaart', key: key() });
    const { messages } = (await res.json()) as { messages: { messageId: string }[] };
    const cardId = messages[0]!.messageId;
    const shown = entry(await stream.waitFor((e) => e.event === 'message' && entry(e).id === cardId));
    expect(shown.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(shown.card?.actions?.[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'pick.confirm',
      data: { r: '7', verb: 'pick.confirm' },
    });

    const k = key();
    const action = await post('/playground/actions', {
      personEmail: AMIRA,
      verb: 'pick.confirm',
      data: { r: '7', verb: 'pick.confirm' },
      inputs: { indicators: 'i1,i2' },
      messageId: cardId,
      key: k,
    });
    expect(action.status).toBe(200);
    expect(bot.received.at(-1)).toMatchObject({
      kind: 'action',
      verb: 'pick.confirm',
      data: { r: '7', verb: 'pick.confirm' },
      inputs: { indicators: 'i1,i2' },
      message: { platform: 'web', channelId: AMIRA, messageId: cardId },
      key: `web:${k}`,
    });
    const { messages: after } = (await action.json()) as { messages: { messageId: string }[] };
    expect(after).toEqual([{ platform: 'web', channelId: AMIRA, messageId: cardId }]);
    const replaced = entry(
      await stream.waitFor((e) => e.event === 'message' && entry(e).id === cardId && entry(e).updatedAt !== undefined),
    );
    expect(replaced.text).toBe('Bevestigd');
    expect(JSON.stringify(replaced.card)).toContain('Bevestigd ✓');
    expect(replaced.at).toBe(shown.at);

    // A later connect replays the log with the card already replaced, not twice.
    const again = await events(AMIRA);
    await again.waitFor((e) => e.event === 'message' && entry(e).id === cardId);
    const copies = again.events.filter((e) => e.event === 'message' && entry(e).id === cardId);
    expect(copies).toHaveLength(1);
    expect(entry(copies[0]!).text).toBe('Bevestigd');
  });

  it('queues surface.send for a person without an open stream and delivers it on connect', async () => {
    const recipient: Recipient = {
      personId: 2,
      platform: 'web',
      tenantId: 'local',
      userId: JAN,
      reference: null,
      locale: 'nl-BE',
    };
    const delivery = await adapter.surface.send(recipient, { text: 'Amira vraagt feedback' });
    expect(delivery).toMatchObject({ ok: true, message: { platform: 'web', channelId: JAN } });
    const messageId = delivery.ok ? delivery.message.messageId : '';

    const stream = await events(JAN);
    const got = await stream.waitFor((e) => e.event === 'message' && entry(e).id === messageId);
    expect(entry(got)).toMatchObject({ from: 'bot', text: 'Amira vraagt feedback' });

    // Live from now on, and `replaces` works for proactive messages too.
    const update = await adapter.surface.send(recipient, {
      text: 'Dank je',
      replaces: { platform: 'web', channelId: JAN, messageId },
    });
    expect(update).toEqual({ ok: true, message: { platform: 'web', channelId: JAN, messageId } });
    await stream.waitFor((e) => e.event === 'message' && entry(e).id === messageId && entry(e).text === 'Dank je');

    const slack = await adapter.surface.send({ ...recipient, platform: 'slack' }, { text: 'x' });
    expect(slack).toMatchObject({ ok: false, scope: 'app' });
  });

  it('answers malformed requests with a clear 400, 413 or 415 and keeps serving', async () => {
    const broken = await post('/playground/messages', '{"personEmail": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'invalid_json' });

    const noEmail = await post('/playground/messages', { text: 'hallo', key: key() });
    expect(noEmail.status).toBe(400);
    const body = (await noEmail.json()) as { error: string; message: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid_request');
    expect(body.issues.map((i) => i.path)).toContain('personEmail');

    const empty = await post('/playground/messages', { personEmail: AMIRA, text: '   ', key: key() });
    expect(empty.status).toBe(400);
    const badKey = await post('/playground/actions', { personEmail: AMIRA, verb: 'x', key: '../../' });
    expect(badKey.status).toBe(400);
    const extra = await post('/playground/actions', { personEmail: AMIRA, verb: 'x', key: key(), admin: true });
    expect(extra.status).toBe(400);
    const notJson = await post('/playground/messages', 'personEmail=x', 'application/x-www-form-urlencoded');
    expect(notJson.status).toBe(415);
    expect((await fetch(`${base}/playground/events`)).status).toBe(400);
    expect((await fetch(`${base}/playground/events?person=nobody`)).status).toBe(400);

    const huge = await post('/playground/messages', { personEmail: AMIRA, text: 'x'.repeat(10_000), key: key() });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'payload_too_large' });

    const failing = await post('/playground/messages', { personEmail: AMIRA, text: 'boom', key: key() });
    expect(failing.status).toBe(500);
    expect(await failing.json()).toMatchObject({ error: 'bot_failed' });

    expect((await fetch(`${base}/playground/people`)).status).toBe(200);
  });

  it('passes unknown people to the core without a display name (the core answers "not enrolled")', async () => {
    const res = await post('/playground/messages', { personEmail: 'iemand@example.be', text: 'hallo', key: key() });
    expect(res.status).toBe(200);
    expect(bot.received.at(-1)).toMatchObject({
      from: { platform: 'web', userId: 'iemand@example.be', email: 'iemand@example.be' },
    });
    expect((bot.received.at(-1) as Extract<Inbound, { kind: 'text' }>).from.displayName).toBeUndefined();
  });

  it('only answers requests to localhost (the playground lets anyone chat as anyone)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: http.port, path: '/playground/people', headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
