// Nudge benchmark: 10,000 students whose shifts ended, on PGlite (in memory) and on PostgreSQL (DATABASE_URL).
// - planner: the first tick (plans every after-shift nudge into the outbox), a steady tick (nothing new), and the
//   same for a fixed-time (cron) schedule that fires for all 10,000 at once;
// - dispatcher overhead per message: the outbox dispatcher sending through the real Slack adapter to the fake
//   Slack API with no rate limit, against a baseline measured in the same run: the same surface.send calls alone;
// - achieved rate against a configured 40/s: the dispatcher under the rate limiter, BENCH_NUDGES_PACED messages.
// Sizes: BENCH_NUDGES_STUDENTS (10000), BENCH_NUDGES_UNPACED (2000), BENCH_NUDGES_PACED (400).
import { createSlackAdapter } from '../adapters/slack/index.js';
import type { Bot } from '../bot/core/bot.js';
import type { Outbound, Recipient } from '../bot/core/types.js';
import { silentLogger } from '../bot/log/logger.js';
import { createDispatcher } from '../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../bot/outbox/rate-limiter.js';
import { nudgeMessage } from '../bot/schedule/nudge-card.js';
import { createNudgePlanner } from '../bot/schedule/planner.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { FAKE_BOT_TOKEN, startFakeSlackApi } from '../test/fakes/slack-api.js';
import { benchDatabases } from './support.js';

const STUDENTS = Number(process.env.BENCH_NUDGES_STUDENTS ?? 10_000);
const UNPACED = Number(process.env.BENCH_NUDGES_UNPACED ?? 2_000);
const PACED = Number(process.env.BENCH_NUDGES_PACED ?? 400);
const RATE = 40;
const NOW = new Date('2026-12-01T15:00:00Z');

export interface NudgeFigures {
  database: string;
  students: number;
  firstTickMs: number;
  steadyTickMs: number;
  cronFirstTickMs: number;
  cronSteadyTickMs: number;
  baselinePerMessageMs: number;
  dispatchPerMessageMs: number;
  pacedRate: number;
}

const idleBot: Bot = {
  handle: async () => [],
  directory: async () => [],
  saveReference: async () => undefined,
  home: async () => null,
  deliverLater: async () => undefined,
};

async function seed(db: Db): Promise<void> {
  await db.query('DELETE FROM schedules');
  await db.query(
    `INSERT INTO schedules (name, kind, minutes_after_shift, quiet_start, quiet_end)
     VALUES ('after-shift', 'after_shift', 30, '00:00', '00:00')`,
  );
  await db.query(
    `INSERT INTO people (email, name, roles)
     SELECT 'student' || g || '@example.be', 'Student ' || g, '{student}' FROM generate_series(1, $1::int) g`,
    [STUDENTS],
  );
  await db.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
     SELECT id, 'slack', 'T0LEERKANS', 'U' || id, jsonb_build_object('channelId', 'D' || id) FROM people`,
  );
  // Ended 31 to 90 minutes before NOW, plus an older shift each that was nudged long ago (history to skip).
  await db.query(
    `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
     SELECT id, $1::timestamptz - interval '9 hours', $1::timestamptz - make_interval(mins => 31 + id % 60), 'Zorgnet Kempen'
       FROM people`,
    [NOW.toISOString()],
  );
  await db.query(
    `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
     SELECT id, $1::timestamptz - interval '3 days 9 hours', $1::timestamptz - interval '3 days', 'Zorgnet Kempen'
       FROM people`,
    [NOW.toISOString()],
  );
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

async function measure(database: string, open: () => Promise<{ db: Db; dispose(): Promise<void> }>) {
  const { db, dispose } = await open();
  const fake = await startFakeSlackApi();
  const adapter = createSlackAdapter({
    config: {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'bench',
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: fake.url,
    },
    bot: idleBot,
    logger: silentLogger,
  })!;
  try {
    await migrate(db);
    await seed(db);
    let clock = NOW;
    const planner = createNudgePlanner({ db, logger: silentLogger, now: () => clock });
    const [first, firstTickMs] = await time(() => planner.tick());
    if (first.planned !== STUDENTS) throw new Error(`planned ${first.planned}, expected ${STUDENTS}`);
    const [, steadyTickMs] = await time(() => planner.tick());

    // A fixed-time schedule for everyone, firing at 16:30 Brussels (15:30Z).
    await db.query(
      `INSERT INTO schedules (name, kind, cron, time_zone, quiet_start, quiet_end, updated_at)
       VALUES ('daily', 'cron', '30 16 * * *', 'Europe/Brussels', '00:00', '00:00', $1)`,
      [NOW.toISOString()],
    );
    clock = new Date('2026-12-01T15:30:00Z');
    const [cron, cronFirstTickMs] = await time(() => planner.tick());
    if (cron.planned !== STUDENTS) throw new Error(`cron planned ${cron.planned}, expected ${STUDENTS}`);
    const [, cronSteadyTickMs] = await time(() => planner.tick());

    // Baseline: the same surface.send calls with nothing around them.
    const payload: Outbound = nudgeMessage('nl-BE', {
      id: 1,
      workplace: 'Zorgnet Kempen',
      startsAt: NOW,
      endsAt: NOW,
      zone: 'Europe/Brussels',
    });
    const [, baselineMs] = await time(async () => {
      for (let i = 1; i <= UNPACED; i++) {
        const to: Recipient = {
          personId: i,
          platform: 'slack',
          tenantId: 'T0LEERKANS',
          userId: `U${i}`,
          reference: { channelId: `D${i}` },
          locale: 'nl-BE',
        };
        await adapter.surface.send(to, payload);
      }
    });

    const unlimited = createRateLimiter(1e9, 1e9);
    const dispatcher = (limit: number) =>
      createDispatcher({
        db,
        surfaces: () => new Map([['slack', adapter.surface]]),
        logger: silentLogger,
        now: () => clock,
        batchSize: limit,
        limiters: { slack: unlimited, teams: unlimited, web: unlimited },
      });
    const unpaced = dispatcher(50);
    clock = new Date(clock.getTime() + 60_000);
    const [, dispatchMs] = await time(async () => {
      let sent = 0;
      while (sent < UNPACED) sent += await unpaced.tick();
    });
    const unpacedSent = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'`))
      .rows[0]!.n;

    const limiter = createRateLimiter(RATE, RATE);
    // Start with an empty bucket, so the burst allowance does not flatter the sustained rate.
    for (let i = 0; i < RATE; i++) await limiter.take('slack:T0LEERKANS');
    const paced = createDispatcher({
      db,
      surfaces: () => new Map([['slack', adapter.surface]]),
      logger: silentLogger,
      now: () => clock,
      batchSize: 50,
      limiters: { slack: limiter },
    });
    const [pacedSent, pacedMs] = await time(async () => {
      let sent = 0;
      while (sent < PACED) sent += await paced.tick();
      return sent;
    });
    const pacedRate = pacedSent / (pacedMs / 1000);
    return {
      database,
      students: STUDENTS,
      firstTickMs,
      steadyTickMs,
      cronFirstTickMs,
      cronSteadyTickMs,
      baselinePerMessageMs: baselineMs / UNPACED,
      dispatchPerMessageMs: dispatchMs / Math.max(1, unpacedSent),
      pacedRate,
    } satisfies NudgeFigures;
  } finally {
    await adapter.stop();
    await fake.close();
    await dispose();
  }
}

export async function run(): Promise<NudgeFigures[]> {
  const results: NudgeFigures[] = [];
  for (const target of benchDatabases(4)) results.push(await measure(target.name, () => target.open()));
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0).padStart(8)} ms`;
  console.log(`\nNudge benchmark: ${STUDENTS} students with shifts, fake Slack API on loopback`);
  console.log(
    `${'database'.padEnd(20)} ${'1st tick'.padStart(11)} ${'steady'.padStart(11)} ${'cron 1st'.padStart(11)} ${'cron steady'.padStart(11)}`,
  );
  for (const r of results) {
    console.log(
      `${r.database.padEnd(20)} ${ms(r.firstTickMs)} ${ms(r.steadyTickMs)} ${ms(r.cronFirstTickMs)} ${ms(r.cronSteadyTickMs)}`,
    );
  }
  console.log(`\nPer message (${UNPACED} sends, no rate limit): dispatcher vs surface.send alone (baseline)`);
  for (const r of results) {
    const overhead = r.dispatchPerMessageMs - r.baselinePerMessageMs;
    console.log(
      `${r.database.padEnd(20)} dispatcher ${ms(r.dispatchPerMessageMs)}  baseline ${ms(r.baselinePerMessageMs)}  overhead ${ms(overhead)}  ratio ${(r.dispatchPerMessageMs / r.baselinePerMessageMs).toFixed(2)}×`,
    );
  }
  console.log(`\nPaced at a configured ${RATE}/s (${PACED} or a few more messages, from an empty bucket)`);
  for (const r of results) {
    console.log(
      `${r.database.padEnd(20)} achieved ${r.pacedRate.toFixed(1)}/s  ratio ${(r.pacedRate / RATE).toFixed(3)}`,
    );
  }
  if (results.length < 2) console.log('PostgreSQL: not measured (set DATABASE_URL to include it)');
  return results;
}
