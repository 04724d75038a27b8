// Teams benchmark: Bot Framework message activities posted to POST /api/messages at increasing rates (open
// loop, loopback only), measuring the time until the Bot Service would get its 200 — which includes the core's
// turn and the reply reaching the (fake) Bot Connector. Side by side, in the same run and process, a bare
// botbuilder echo bot (CloudAdapter, no core, no database) on the same HTTP stack and fake connector: the floor.
// A third column runs the same Teams adapter with a stub core (no database), to show what is adapter and what is
// the core's turn.
//
// Leerkans runs with the real core on an in-memory PGlite with the demo roster; the users are its nine people,
// each with their own Teams chat, writing "hulp" (a DB read, the reply, and the idempotency key committed).
// Rates: BENCH_TEAMS_RATES (default 25,50,100,200,400 per second), BENCH_TEAMS_SECONDS per step (default 3).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { createTeamsAdapter } from '../adapters/teams/index.js';
import { readBody, type Route } from '../app/http/route.js';
import type { Bot } from '../bot/core/bot.js';
import { silentLogger } from '../bot/log/logger.js';
import { startFakeBotConnector } from '../test/fakes/bot-connector.js';
import { percentile, serve, startDemoCore } from './support.js';

const RATES = (process.env.BENCH_TEAMS_RATES ?? '25,50,100,200,400').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_TEAMS_SECONDS ?? 3);
/** Requests still open beyond this are not started (counted as dropped), so an overloaded step stays bounded. */
const MAX_IN_FLIGHT = 256;
const TENANT = 'b7e3c1d2-4a5f-4e6b-9c8d-1a2b3c4d5e6f';
const BOT = '28:5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

const ROSTER = [
  'amira.elidrissi@student.example.be',
  'tom.vermeulen@student.example.be',
  'noor.jacobs@student.example.be',
  'lucas.dubois@student.example.be',
  'jan.peeters@ocmw.example.be',
  'lien.maes@ocmw.example.be',
  'karim.benali@caw.example.be',
  'els.wouters@hogeschool.example.be',
  'sofie.declercq@hogeschool.example.be',
];

export interface StepFigures {
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  dropped: number;
  p50: number;
  p99: number;
  throughput: number;
}

export interface TeamsBenchFigures {
  leerkans: StepFigures[];
  stub: StepFigures[];
  echo: StepFigures[];
}

interface Target {
  url: string;
  stop(): Promise<void>;
}

const users = ROSTER.map((email, i) => ({
  email,
  id: `29:bench-user-${i}`,
  aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  conversationId: `a:bench-chat-${i}`,
}));

function messageActivity(serviceUrl: string, n: number) {
  const user = users[n % users.length]!;
  return {
    type: 'message',
    id: `${Date.now()}${n}`,
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

async function startLeerkansTarget(): Promise<Target> {
  const { db, bot } = await startDemoCore();
  const teams = createTeamsAdapter({ config: {}, bot, logger: silentLogger });
  const http = await serve(teams.routes);
  return {
    url: `http://127.0.0.1:${http.port}/api/messages`,
    async stop() {
      await teams.stop();
      await http.stop();
      await db.close();
    },
  };
}

/** The same adapter with a core that answers at once: the adapter's own share of the cost. */
async function startStubTarget(): Promise<Target> {
  const bot: Bot = {
    handle: async (inbound) => [{ text: inbound.kind === 'text' ? `ok: ${inbound.text}` : 'ok' }],
    directory: async () => [],
    saveReference: async () => undefined,
    home: async () => null,
    deliverLater: async () => undefined,
  };
  const teams = createTeamsAdapter({ config: {}, bot, logger: silentLogger });
  const http = await serve(teams.routes);
  return {
    url: `http://127.0.0.1:${http.port}/api/messages`,
    async stop() {
      await teams.stop();
      await http.stop();
    },
  };
}

/** The smallest botbuilder bot: CloudAdapter without auth, echoing the text, behind the same HTTP server. */
async function startEchoTarget(): Promise<Target> {
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
  return { url: `http://127.0.0.1:${http.port}/api/messages`, stop: () => http.stop() };
}

/** Open loop: one request every 1/rate s for `seconds`, whatever the server does; latency to the HTTP answer. */
async function step(target: Target, serviceUrl: string, rate: number, seconds = SECONDS): Promise<StepFigures> {
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let dropped = 0;
  let inFlight = 0;
  const total = Math.round(rate * seconds);
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped++;
      continue;
    }
    sent++;
    inFlight++;
    const body = JSON.stringify(messageActivity(serviceUrl, i + Math.floor(Math.random() * 1e6)));
    const t0 = performance.now();
    pending.push(
      fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.status === 200) latencies.push(performance.now() - t0);
          else errors++;
        })
        .catch(() => {
          errors++;
        })
        .finally(() => {
          inFlight--;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rate,
    sent,
    ok: latencies.length,
    errors,
    dropped,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    throughput: latencies.length / elapsed,
  };
}

async function warmUp(target: Target, serviceUrl: string): Promise<void> {
  // First contact of every user (member look-up, identity link), then a second of traffic so the JIT, the
  // connection pools and the database caches are warm before anything is measured.
  for (let i = 0; i < users.length; i++) await step(target, serviceUrl, 100, 0.01 + 1 / 100);
  await step(target, serviceUrl, 50, 1);
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function formatTable(figures: TeamsBenchFigures): string {
  const header = [
    'rate/s',
    'leerkans p50',
    'p99',
    'msg/s',
    'lost',
    'stub core p50',
    'p99',
    'msg/s',
    'echo p50',
    'p99',
    'msg/s',
    'lost',
    'p50 ×',
    'p99 ×',
    'msg/s ×',
  ];
  const rows = figures.leerkans.map((l, i) => {
    const s = figures.stub[i]!;
    const e = figures.echo[i]!;
    return [
      String(l.rate),
      f(l.p50),
      f(l.p99),
      f(l.throughput),
      String(l.errors + l.dropped),
      f(s.p50),
      f(s.p99),
      f(s.throughput),
      f(e.p50),
      f(e.p99),
      f(e.throughput),
      String(e.errors + e.dropped),
      f(l.p50 / e.p50, 2),
      f(l.p99 / e.p99, 2),
      f(l.throughput / e.throughput, 2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function run(): Promise<TeamsBenchFigures> {
  const connector = await startFakeBotConnector();
  for (const u of users) {
    connector.addMember({ id: u.id, name: u.email, aadObjectId: u.aadObjectId, email: u.email, tenantId: TENANT });
  }
  const leerkans = await startLeerkansTarget();
  const stub = await startStubTarget();
  const echo = await startEchoTarget();
  const figures: TeamsBenchFigures = { leerkans: [], stub: [], echo: [] };
  try {
    for (const target of [leerkans, stub, echo]) await warmUp(target, connector.serviceUrl);
    for (const rate of RATES) {
      connector.reset(); // keep the recorded calls from growing across steps
      figures.leerkans.push(await step(leerkans, connector.serviceUrl, rate));
      connector.reset();
      figures.stub.push(await step(stub, connector.serviceUrl, rate));
      connector.reset();
      figures.echo.push(await step(echo, connector.serviceUrl, rate));
    }
  } finally {
    await leerkans.stop();
    await stub.stop();
    await echo.stop();
    await connector.close();
  }
  console.log(
    `\nTeams: message activities → POST /api/messages → reply at the fake Bot Connector (${SECONDS} s per rate, open loop, loopback, one process; run ${randomUUID().slice(0, 8)})`,
  );
  console.log(formatTable(figures));
  console.log(
    'ms to the HTTP answer (turn done, reply at the connector); lost = refused or not sent (over 256 in flight); × = Leerkans / echo',
  );
  return figures;
}

// `node bin/run-ts.js bench/teams.ts` runs it directly; bench/run.ts imports it.
if (process.argv[2]?.endsWith('bench/teams.ts')) await run();
