// Teams benchmark: Bot Framework message activities posted to POST /api/messages by a fixed number of clients in
// flight (closed loop), loopback only. Side by side in the
// same run and process: Leerkans with the real core (on an in-memory PGlite, and on PostgreSQL when DATABASE_URL
// is set) and a bare botbuilder echo bot (CloudAdapter, no core, no database) on the same HTTP stack and fake
// Bot Connector — the floor.
//
// Leerkans acknowledges a message activity at once and answers through the connector after its turn (as the
// Bot Service allows), so two figures matter: the HTTP answer (what the Bot Service waits for) and the time until
// the reply reached the connector (what the person waits for; each client sends its next message only then). The echo bot answers inside the request, so for it
// both are the same. Users: 64 roster students, each in their own chat, writing "hulp" (a read, the reply, and
// the idempotency key committed). BENCH_TEAMS_IN_FLIGHT (default 8,32), BENCH_TEAMS_SECONDS per step (default 5).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { createTeamsAdapter } from '../adapters/teams/index.js';
import { readBody, type Route } from '../adapters/shared/route.js';
import { seedDemoIfEmpty } from '../bot/admin/demo.js';
import { createLeerkansBot as createBot } from '../bot/routes.js';
import { importRoster } from '../bot/imports/roster.js';
import { DeterministicAssistant } from '../bot/llm/client.js';
import { silentLogger } from '../bot/log/logger.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { type FakeBotConnector, startFakeBotConnector } from '../test/fakes/bot-connector.js';
import { benchDatabases, percentile, serve } from './support.js';

const IN_FLIGHT = (process.env.BENCH_TEAMS_IN_FLIGHT ?? '8,32').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_TEAMS_SECONDS ?? 5);
const USERS = 64;
const TENANT = 'b7e3c1d2-4a5f-4e6b-9c8d-1a2b3c4d5e6f';
const BOT = '28:5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

export interface StepFigures {
  target: string;
  inFlight: number;
  ok: number;
  errors: number;
  /** To the HTTP answer. */
  p50: number;
  p99: number;
  /** To the reply at the connector. */
  replyP50: number;
  replyP99: number;
  /** Replies at the connector per second. */
  throughput: number;
}

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

const users = Array.from({ length: USERS }, (_, i) => ({
  email: `bench${i}@student.example.be`,
  id: `29:bench-user-${i}`,
  aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  conversationId: `a:bench-chat-${i}`,
}));

let sequence = 0;
function messageActivity(serviceUrl: string, user: (typeof users)[number]) {
  return {
    type: 'message',
    id: `bench-${++sequence}-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.email, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: TENANT, id: user.conversationId },
    recipient: { id: BOT, name: 'Leerkans' },
    text: 'hulp',
    textFormat: 'plain',
    locale: 'nl-BE',
    channelData: { tenant: { id: TENANT } },
  };
}

/** Leerkans on a database from benchDatabases(); `dispose` closes (and on PostgreSQL drops) it. */
async function leerkansTarget(name: string, db: Db, dispose: () => Promise<void>): Promise<Target> {
  await migrate(db);
  await seedDemoIfEmpty(db, { timeZone: 'Europe/Brussels', locale: 'nl-BE' }, silentLogger);
  const roster = [
    'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale',
    ...users.map((u, i) => `${u.email},Bench ${i},student,SW-DUAAL-2026,,,,Europe/Brussels,nl-BE`),
  ].join('\n');
  await importRoster(db, 'bench.csv', roster, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  const bot = createBot({
    db,
    assistant: new DeterministicAssistant(),
    logger: silentLogger,
    settings: { defaultLocale: 'nl-BE', defaultTimeZone: 'Europe/Brussels', helpline: 'Tele-Onthaal 106' },
  });
  // As app/main.ts sets it: PGlite runs on this thread, so fewer turns at once keep the acks quick.
  const maxConcurrentTurns = Number(process.env.BENCH_TEAMS_TURNS ?? (db.kind === 'pglite' ? 1 : 8));
  const teams = createTeamsAdapter({ config: {}, bot, logger: silentLogger, maxConcurrentTurns });
  const http = await serve(teams.routes);
  return {
    name,
    url: `http://127.0.0.1:${http.port}/api/messages`,
    async stop() {
      await teams.stop();
      await http.stop();
      await dispose();
    },
  };
}

/** The smallest botbuilder bot: CloudAdapter without auth, echoing the text, behind the same HTTP server. */
async function echoTarget(): Promise<Target> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const route: Route = {
    method: 'POST',
    path: '/api/messages',
    async handle(req: IncomingMessage, res: ServerResponse) {
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      // botbuilder's `process` wants an Express-like response; these four calls are all it uses.
      const shim = {
        socket: res.socket,
        status: (code: number) => {
          res.statusCode = code;
        },
        header: (name: string, value: string) => res.setHeader(name, value),
        send: (payload: unknown) => {
          res.setHeader('content-type', 'application/json');
          res.write(typeof payload === 'string' ? payload : JSON.stringify(payload));
        },
        end: () => res.end(),
      };
      await adapter.process({ body, headers: req.headers, method: 'POST' }, shim, async (context: TurnContext) => {
        if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text}`);
      });
    },
  };
  const http = await serve([route]);
  return { name: 'echo', url: `http://127.0.0.1:${http.port}/api/messages`, stop: () => http.stop() };
}

/** Resolves when the connector has received the reply to an activity (one poller for every waiting client). */
function replyWatcher(connector: FakeBotConnector) {
  const waiting = new Map<string, () => void>();
  let seen = 0;
  const timer = setInterval(() => {
    const calls = connector.calls;
    if (calls.length < seen) seen = 0; // reset() between steps
    for (; seen < calls.length; seen++) {
      const call = calls[seen]!;
      if (call.kind !== 'reply' || !call.activityId) continue;
      waiting.get(call.activityId)?.();
      waiting.delete(call.activityId);
    }
  }, 1);
  return {
    wait: (activityId: string, timeoutMs = 30_000) =>
      new Promise<boolean>((resolve) => {
        const t = setTimeout(() => {
          waiting.delete(activityId);
          resolve(false);
        }, timeoutMs);
        waiting.set(activityId, () => {
          clearTimeout(t);
          resolve(true);
        });
      }),
    stop: () => clearInterval(timer),
  };
}

/**
 * `inFlight` people writing at once, each sending their next message when the bot's reply to the last one has
 * reached the connector (a person waits for the answer; the echo bot's reply comes before its HTTP answer).
 */
async function step(target: Target, connector: FakeBotConnector, inFlight: number, seconds = SECONDS) {
  connector.reset();
  const watcher = replyWatcher(connector);
  const latencies: number[] = [];
  const replies: number[] = [];
  let errors = 0;
  const stopAt = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, client) => {
      // Each client is a few people of its own, so no two clients share a conversation.
      const mine = users.filter((_, i) => i % inFlight === client);
      for (let n = 0; performance.now() < stopAt; n++) {
        const activity = messageActivity(connector.serviceUrl, mine[n % mine.length]!);
        const replied = watcher.wait(activity.id);
        const t0 = performance.now();
        try {
          const res = await fetch(target.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          });
          await res.arrayBuffer();
          if (res.status !== 200) {
            errors++;
            continue;
          }
          latencies.push(performance.now() - t0);
          if (await replied) replies.push(performance.now() - t0);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  watcher.stop();
  latencies.sort((a, b) => a - b);
  replies.sort((a, b) => a - b);
  return {
    target: target.name,
    inFlight,
    ok: replies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    replyP50: percentile(replies, 50),
    replyP99: percentile(replies, 99),
    throughput: replies.length / elapsed,
  } satisfies StepFigures;
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function formatTable(rows: StepFigures[]): string {
  const header = [
    'target',
    'in flight',
    'HTTP p50',
    'p99',
    'reply p50',
    'p99',
    'msg/s',
    'lost',
    'HTTP p99 ×',
    'reply p99 ×',
    'msg/s ×',
  ];
  const cells = rows.map((r) => {
    const echo = rows.find((e) => e.target === 'echo' && e.inFlight === r.inFlight)!;
    return [
      r.target,
      String(r.inFlight),
      f(r.p50),
      f(r.p99),
      f(r.replyP50),
      f(r.replyP99),
      f(r.throughput),
      String(r.errors),
      f(r.p99 / echo.p99, 2),
      f(r.replyP99 / echo.replyP99, 2),
      f(r.throughput / echo.throughput, 2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padStart(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export async function run(): Promise<StepFigures[]> {
  const connector = await startFakeBotConnector();
  for (const u of users) {
    connector.addMember({ id: u.id, name: u.email, aadObjectId: u.aadObjectId, email: u.email, tenantId: TENANT });
  }
  const targets: Target[] = [await echoTarget()];
  for (const database of benchDatabases(10)) {
    const { db, dispose } = await database.open();
    targets.push(await leerkansTarget(`leerkans ${database.kind}`, db, dispose));
  }
  const rows: StepFigures[] = [];
  try {
    // Warm-up: every user's first contact (member look-up, identity link), then a second of traffic.
    for (const target of targets) {
      await step(target, connector, USERS, 0.001);
      await step(target, connector, 8, 1);
    }
    for (const inFlight of IN_FLIGHT) for (const target of targets) rows.push(await step(target, connector, inFlight));
  } finally {
    for (const target of targets) await target.stop();
    await connector.close();
  }
  console.log(
    `\nTeams: "hulp" message activities → POST /api/messages, closed loop, ${SECONDS} s per step, loopback, one process`,
  );
  console.log(formatTable(rows));
  console.log(
    'ms; HTTP = until the request is answered (what the Bot Service waits for); reply = until the reply reached the connector (what the person waits for); × = against the echo bot at the same number in flight',
  );
  return rows;
}

// `node bin/run-ts.js bench/teams.ts` runs it directly; bench/run.ts imports it.
if (process.argv[2]?.endsWith('bench/teams.ts')) await run();
