// Slack benchmark: signed message.im events posted to POST /slack/events at increasing rates (open loop, loopback
// only), measuring the ack latency (until Slack would get its 200) and the acks per second. Slack needs the ack
// within 3 s and Leerkans runs the core after it, so the replies reaching the (fake) Slack API are counted too, with
// the time the backlog takes to drain. Side by side, in the same run and process: a bare Bolt app that only acks,
// behind the same receiver (RouteReceiver: body read, signature check, Bolt's processEvent) and HTTP server.
//
// Leerkans runs with the real core on an in-memory PGlite with the demo roster; the users are its nine people,
// each in their own DM, writing "hulp" (a DB read, the reply, and the idempotency key committed).
// Rates: BENCH_SLACK_RATES (default 50,100,200,400 per second), BENCH_SLACK_SECONDS per step (default 3).
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { App } from '@slack/bolt';
import { boltLogger } from '../adapters/slack/bolt-logger.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { RouteReceiver } from '../adapters/slack/receiver.js';
import { signSlackRequest } from '../adapters/slack/verify-signature.js';
import { silentLogger } from '../bot/log/logger.js';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../test/fakes/slack-api.js';
import { percentile, serve, startDemoCore } from './support.js';

const RATES = (process.env.BENCH_SLACK_RATES ?? '50,100,200,400').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SLACK_SECONDS ?? 3);
/** Requests still open beyond this are not started (counted as dropped), so an overloaded step stays bounded. */
const MAX_IN_FLIGHT = 256;
/** How long a step may take to post its replies after the last ack before the next step starts anyway. */
const DRAIN_TIMEOUT_MS = 60_000;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TEAM = 'T0LEERKANS';

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
const users = ROSTER.map((email, i) => ({ email, id: `U0BENCH${String(i).padStart(3, '0')}` }));

export interface StepFigures {
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  dropped: number;
  p50: number;
  p99: number;
  /** Acks per second. */
  throughput: number;
  /** Longest event-loop stall during the step (ms): GC, synchronous database work, or the machine being busy. */
  stallMs: number;
  /** Replies posted to Slack per second, from the first request until the last reply (Leerkans only). */
  replyRate?: number;
  /** Seconds from the last ack until the last reply was posted (Leerkans only). */
  drainSeconds?: number;
}

export interface SlackBenchFigures {
  leerkans: StepFigures[];
  bare: StepFigures[];
}

interface Target {
  url: string;
  stop(): Promise<void>;
}

let counter = 0;
function dmEnvelope(n: number): string {
  const user = users[n % users.length]!;
  const id = `${Date.now().toString(36)}${(++counter).toString(36)}`;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(counter % 1e6).padStart(6, '0')}`;
  return JSON.stringify({
    token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
    team_id: TEAM,
    api_app_id: 'A0LEERKANS1',
    event: {
      user: user.id,
      type: 'message',
      ts,
      client_msg_id: randomUUID(),
      text: 'hulp',
      team: TEAM,
      channel: `D${user.id.slice(1)}`,
      event_ts: ts,
      channel_type: 'im',
    },
    type: 'event_callback',
    event_id: `Ev${id.toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: 'U0BOT00001', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

async function startLeerkansTarget(fake: FakeSlackApi): Promise<Target> {
  const { db, bot } = await startDemoCore();
  const slack = createSlackAdapter({
    config: {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: fake.url,
    },
    bot,
    logger: silentLogger,
  })!;
  await slack.start();
  const http = await serve(slack.routes);
  return {
    url: `http://127.0.0.1:${http.port}/slack/events`,
    async stop() {
      await slack.stop();
      await http.stop();
      await db.close();
    },
  };
}

/** The smallest Bolt app on the same receiver and HTTP server: a message listener that does nothing (Bolt acks). */
async function startBareTarget(): Promise<Target> {
  const receiver = new RouteReceiver({ signingSecret: SECRET, logger: silentLogger });
  const app = new App({
    receiver,
    logger: boltLogger(silentLogger),
    authorize: async () => ({ botToken: FAKE_BOT_TOKEN, botUserId: 'U0BOT00001', botId: 'B0BOT00001' }),
    convoStore: false,
  });
  app.event('message', async () => undefined);
  const http = await serve([receiver.route]);
  return { url: `http://127.0.0.1:${http.port}/slack/events`, stop: () => http.stop() };
}

function signedPost(url: string, body: string): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
    },
    body,
  });
}

/** Open loop: one request every 1/rate s for SECONDS, whatever the server does; latency to the HTTP answer. */
async function step(target: Target, rate: number): Promise<StepFigures & { startedAt: number; lastAckAt: number }> {
  const startedAt = Date.now();
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let dropped = 0;
  let inFlight = 0;
  let lastAckAt = 0;
  const total = Math.round(rate * SECONDS);
  const pending: Promise<void>[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
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
    const body = dmEnvelope(i);
    const t0 = performance.now();
    pending.push(
      signedPost(target.url, body)
        .then(async (res) => {
          await res.arrayBuffer();
          lastAckAt = Date.now();
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
  lag.disable();
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
    stallMs: lag.max / 1e6,
    startedAt,
    lastAckAt,
  };
}

/** Waits until every acknowledged message has its reply at the fake Slack API (or the drain timeout); returns when
 * the last reply arrived there (epoch ms). */
async function drain(fake: FakeSlackApi, expected: number): Promise<number> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (fake.callsTo('chat.postMessage').length < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return Math.max(0, ...fake.callsTo('chat.postMessage').map((p) => p.at));
}

async function warmUp(target: Target, fake: FakeSlackApi | undefined): Promise<void> {
  // First contact of every user: users.info, identity link; then JIT and connection pools are warm.
  for (let i = 0; i < users.length * 3; i++) await signedPost(target.url, dmEnvelope(i)).then((r) => r.arrayBuffer());
  if (fake) await drain(fake, users.length * 3);
}

const f = (n: number | undefined, digits = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '–');

export function formatTable(figures: SlackBenchFigures): string {
  const header = [
    'rate/s',
    'leerkans p50 ms',
    'p99 ms',
    'acks/s',
    'err',
    'replies/s',
    'drain s',
    'stall ms',
    'bare p50 ms',
    'p99 ms',
    'acks/s',
    'err',
    'stall ms',
    'p50 ×',
    'p99 ×',
    'acks/s ×',
  ];
  const rows = figures.leerkans.map((l, i) => {
    const b = figures.bare[i]!;
    return [
      String(l.rate),
      f(l.p50),
      f(l.p99),
      f(l.throughput),
      String(l.errors + l.dropped),
      f(l.replyRate),
      f(l.drainSeconds),
      f(l.stallMs, 0),
      f(b.p50),
      f(b.p99),
      f(b.throughput),
      String(b.errors + b.dropped),
      f(b.stallMs, 0),
      f(l.p50 / b.p50, 2),
      f(l.p99 / b.p99, 2),
      f(l.throughput / b.throughput, 2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function run(): Promise<SlackBenchFigures> {
  const fake = await startFakeSlackApi();
  for (const u of users) fake.addUser({ id: u.id, email: u.email, name: u.email });
  const leerkans = await startLeerkansTarget(fake);
  const bare = await startBareTarget();
  const figures: SlackBenchFigures = { leerkans: [], bare: [] };
  try {
    await warmUp(leerkans, fake);
    await warmUp(bare, undefined);
    for (const rate of RATES) {
      fake.reset(); // keep the recorded calls from growing across steps
      const l = await step(leerkans, rate);
      const lastReplyAt = await drain(fake, l.ok);
      const replies = fake.callsTo('chat.postMessage').length;
      const { startedAt, lastAckAt, ...figuresOnly } = l;
      figures.leerkans.push({
        ...figuresOnly,
        replyRate: replies / ((lastReplyAt - startedAt) / 1000),
        drainSeconds: Math.max(0, (lastReplyAt - lastAckAt) / 1000),
      });
      const { startedAt: _s, lastAckAt: _a, ...bareFigures } = await step(bare, rate);
      figures.bare.push(bareFigures);
    }
  } finally {
    await leerkans.stop();
    await bare.stop();
    await fake.close();
  }
  console.log(
    `\nSlack: signed message.im events → POST /slack/events → ack; replies at the fake Slack API (${SECONDS} s per rate, open loop, loopback, one process; run ${randomUUID().slice(0, 8)})`,
  );
  console.log(formatTable(figures));
  console.log(
    '× = Leerkans / bare Bolt app that only acks (latency: higher is slower; acks/s: below 1 means fewer acknowledged)',
  );
  console.log(
    'replies/s = replies posted by the core after the ack; drain s = last ack to last reply; stall ms = longest event-loop delay in the step',
  );
  return figures;
}

// `node bin/run-ts.js bench/slack.ts` runs it directly; bench/run.ts imports it.
if (process.argv[2]?.endsWith('bench/slack.ts')) await run();
