// Test support for the Slack adapter: captured payload fixtures, genuinely signed HTTP requests, a fake Slack Web
// API, and a harness that serves the adapter's routes on a real HTTP server with the real core on a fresh database.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { signSlackRequest } from '../../adapters/slack/verify-signature.js';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { seedDemoIfEmpty } from '../../bot/admin/demo.js';
import type { Bot } from '../../bot/core/bot.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { createLeerkansBot as createBot } from '../../bot/routes.js';
import { DeterministicAssistant } from '../../bot/llm/client.js';
import type { Logger } from '../../bot/log/logger.js';
import { createDispatcher, type Dispatcher } from '../../bot/outbox/dispatcher.js';
import { createMetrics } from '../../app/http/metrics.js';
import { type HttpServer, startHttpServer } from '../../app/http/server.js';
import type { Db } from '../../db/db.js';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

export const USERS = {
  amira: { id: 'U0STUDENT1', email: 'amira.elidrissi@student.example.be', name: 'Amira El Idrissi', locale: 'nl-BE' },
  tom: { id: 'U0STUDENT2', email: 'tom.vermeulen@student.example.be', name: 'Tom Vermeulen', locale: 'nl-BE' },
  jan: { id: 'U0MENTOR01', email: 'jan.peeters@ocmw.example.be', name: 'Jan Peeters', locale: 'nl-BE' },
  stranger: { id: 'U0STRANGER', email: 'iemand@elders.example.com', name: 'Iemand Anders', locale: 'en-US' },
  otherBot: { id: 'U0OTHERBOT', name: 'Other Bot', isBot: true },
} as const;

// --- fixtures -------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

export function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

/** A captured message.im envelope with new ids (event_id, client_msg_id, ts) and the given text and sender. */
export function dmEvent(text: string, userId: string = USERS.amira.id, overrides: { eventId?: string } = {}): Json {
  const envelope = fixture<{ event: Json } & Json>('event-message-im');
  const id = unique();
  envelope.event_id = overrides.eventId ?? `Ev${id.toUpperCase()}`;
  envelope.event = {
    ...envelope.event,
    user: userId,
    channel: `D${userId.slice(1)}`,
    text,
    ts: `1760001234.${id}`,
    event_ts: `1760001234.${id}`,
    client_msg_id: `cm-${id}`,
    blocks: [
      {
        type: 'rich_text',
        block_id: 'b1',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      },
    ],
  };
  return envelope;
}

// --- signed requests ---------------------------------------------------------------------------------------

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  signature?: string | null;
  omitTimestamp?: boolean;
  headers?: Record<string, string>;
}

/** POSTs a raw body to /slack/events, signed exactly as Slack signs it (unless told otherwise). */
export async function sendSigned(
  base: string,
  body: string,
  contentType: string,
  o: SendOptions = {},
): Promise<Response> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, ...o.headers };
  if (!o.omitTimestamp) headers['x-slack-request-timestamp'] = String(timestamp);
  const signature =
    o.signature === undefined ? signSlackRequest(o.secret ?? SIGNING_SECRET, timestamp, body) : o.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  return fetch(`${base}/slack/events`, { method: 'POST', headers, body });
}

export const postEvent = (base: string, envelope: unknown, o?: SendOptions) =>
  sendSigned(base, JSON.stringify(envelope), 'application/json', o);

export const postInteraction = (base: string, payload: unknown, o?: SendOptions) =>
  sendSigned(
    base,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    o,
  );

export const postCommand = (base: string, fields: Record<string, string>, o?: SendOptions) =>
  sendSigned(base, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', o);

// --- logs ---------------------------------------------------------------------------------------------------

export interface CapturedLogs {
  logger: Logger;
  lines: Json[];
  has(pattern: RegExp): boolean;
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: Json[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Json);
      done();
    },
  });
  const logger = pino({ level }, stream);
  return { logger, lines, has: (pattern) => lines.some((l) => pattern.test(String(l.msg))) };
}

// --- harness -------------------------------------------------------------------------------------------------

export interface SlackHarness {
  url: string;
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  bot: Bot;
  logs: CapturedLogs;
  dispatcher: Dispatcher | undefined;
  /** One round of the background work main.ts runs on a timer: plan feedback cards, send the outbox. */
  runOutbox(): Promise<number>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** A database for the real core (demo roster seeded); or give `bot` for adapter-only tests. */
  db?: Db;
  bot?: Bot;
  fake?: FakeSlackApi;
  now?: () => number;
  modalDeadlineMs?: number;
}

export const BOT_SETTINGS = {
  defaultLocale: 'nl-BE',
  defaultTimeZone: 'Europe/Brussels',
  helpline: 'Tele-Onthaal 106',
};

export async function realBot(db: Db, logger: Logger): Promise<Bot> {
  await seedDemoIfEmpty(db, { timeZone: 'Europe/Brussels', locale: 'nl-BE' }, logger);
  return createBot({ db, assistant: new DeterministicAssistant(), logger, settings: BOT_SETTINGS });
}

/**
 * The adapter's routes on a real HTTP server on 127.0.0.1, the WebClient pointed at a fake Slack API. With a
 * database, the real core and the outbox dispatcher (ticked by the tests) run against it.
 */
export async function startSlackHarness(o: HarnessOptions): Promise<SlackHarness> {
  const logs = captureLogs();
  const fake = o.fake ?? (await startFakeSlackApi());
  for (const user of Object.values(USERS)) fake.addUser(user);
  const bot = o.bot ?? (await realBot(o.db!, logs.logger));
  const adapter = createSlackAdapter({
    config: {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: fake.url,
      LEERKANS_LOCALE: 'nl-BE',
    },
    bot,
    logger: logs.logger,
    ...(o.now ? { now: o.now } : {}),
    ...(o.modalDeadlineMs !== undefined ? { modalDeadlineMs: o.modalDeadlineMs } : {}),
  });
  if (!adapter) throw new Error('Slack adapter not created');
  await adapter.start();
  const dispatcher = o.db
    ? createDispatcher({ db: o.db, surfaces: () => new Map([['slack', adapter.surface]]), logger: logs.logger })
    : undefined;
  const http: HttpServer = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: () => adapter.routes,
    logger: logs.logger,
    metrics: createMetrics(),
  });
  return {
    url: `http://127.0.0.1:${http.port}`,
    fake,
    adapter,
    bot,
    logs,
    dispatcher,
    async runOutbox() {
      if (!o.db || !dispatcher) throw new Error('runOutbox needs the real core (a database)');
      await planFeedbackCards(o.db, logs.logger);
      return dispatcher.tick();
    },
    async stop() {
      await dispatcher?.stop();
      await adapter.stop();
      await http.stop(2000);
      if (!o.fake) await fake.close();
    },
  };
}

/**
 * Waits until `check` passes (the core runs after the ack, so effects land a little later). The deadline is only
 * there to end a test that would otherwise hang; on a busy machine a turn can take seconds.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/**
 * Waits until the adapters have handled every request and finished every acknowledged turn (replies sent): for
 * tests that assert that nothing (more) happened, and for reading a turn's calls once it is over.
 */
export async function quiet(...adapters: { idle(): Promise<void> }[]): Promise<void> {
  // One instance's turn never sends a request to another, so waiting for each in turn is enough.
  for (const adapter of adapters) await adapter.idle();
}
