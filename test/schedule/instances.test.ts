// Several bot instances on one database: each runs its own planner and dispatcher at the same moment. 2,000 nudges
// are each planned once and sent exactly once, with two and with three instances. On PostgreSQL every instance
// has its own connection pool (as separate processes would); PGlite is one session, shared in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, Outbound, Recipient, Surface } from '../../bot/core/types.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';
import { createNudgePlanner } from '../../bot/schedule/planner.js';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { createPgDb } from '../../db/pg-driver.js';
import { createPostgresTestDatabase, databases } from '../support/databases.js';

const STUDENTS = 2000;
const NOW = new Date('2026-12-01T15:00:00Z');

async function seedStudents(db: Db, offset: number): Promise<void> {
  await db.query(
    `INSERT INTO people (email, name, roles)
     SELECT 'student' || ($1::int + g) || '@example.be', 'Student ' || ($1::int + g), '{student}' FROM generate_series(1, $2::int) g`,
    [offset, STUDENTS],
  );
  await db.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
     SELECT id, 'slack', 'T1', 'U' || id, '{}' FROM people WHERE email LIKE 'student%' AND id NOT IN (SELECT person_id FROM platform_identities)`,
  );
  // Shifts that ended between 31 and 90 minutes ago: every nudge is due now.
  await db.query(
    `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
     SELECT id, $1::timestamptz - interval '9 hours', $1::timestamptz - make_interval(mins => 31 + id % 60), 'Zorgnet Kempen'
       FROM people WHERE email LIKE 'student%' AND id NOT IN (SELECT person_id FROM shifts)`,
    [NOW.toISOString()],
  );
}

interface Instance {
  planner: ReturnType<typeof createNudgePlanner>;
  dispatcher: ReturnType<typeof createDispatcher>;
}

/** Every instance ticks at once, round after round, until nothing is left to send. */
async function runInstances(dbs: Db[], received: Map<number, number>): Promise<void> {
  const surface: Surface = {
    platform: 'slack',
    async send(to: Recipient, _out: Outbound): Promise<Delivery> {
      received.set(to.personId, (received.get(to.personId) ?? 0) + 1);
      await new Promise((r) => setImmediate(r));
      return { ok: true, message: { platform: 'slack', channelId: 'D', messageId: String(to.personId) } };
    },
  };
  const fast = createRateLimiter(1e6, 1e6);
  const instances: Instance[] = dbs.map((db) => ({
    planner: createNudgePlanner({ db, logger: silentLogger, now: () => NOW }),
    dispatcher: createDispatcher({
      db,
      surfaces: () => new Map([['slack', surface]]),
      logger: silentLogger,
      now: () => NOW,
      batchSize: 100,
      limiters: { slack: fast, teams: fast, web: fast },
    }),
  }));
  await Promise.all(instances.map((i) => i.planner.tick()));
  for (let round = 0; round < 200; round++) {
    const sent = await Promise.all(instances.map((i) => Promise.all([i.planner.tick(), i.dispatcher.tick()])));
    if (sent.every(([, n]) => n === 0)) return;
  }
  throw new Error('the instances did not finish sending');
}

async function expectExactlyOnce(db: Db, received: Map<number, number>) {
  const students = await db.query<{ id: number }>(`SELECT id FROM people WHERE email LIKE 'student%'`);
  expect(students.rows).toHaveLength(STUDENTS);
  expect(received.size).toBe(STUDENTS);
  expect([...received.values()].every((n) => n === 1)).toBe(true);
  const outbox = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM outbox GROUP BY status`,
  );
  expect(outbox.rows).toEqual([{ status: 'sent', n: STUDENTS }]);
  const nudges = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM nudges WHERE status = 'planned'`);
  expect(nudges.rows).toEqual([{ n: STUDENTS }]);
}

const prepare = async (db: Db) => {
  await db.query('DELETE FROM schedules');
  await db.query(
    `INSERT INTO schedules (name, kind, minutes_after_shift, quiet_start, quiet_end)
     VALUES ('after-shift', 'after_shift', 30, '00:00', '00:00')`,
  );
  await seedStudents(db, 0);
};

const adminUrl = process.env.DATABASE_URL;

describe.runIf(adminUrl)('planners and dispatchers on one PostgreSQL, each with its own pool', () => {
  for (const count of [2, 3]) {
    describe(`${count} instances`, () => {
      let created: { url: string; drop(): Promise<void> };
      let pools: Db[];
      beforeAll(async () => {
        // Seeding 2,000 students on a busy machine may take a while.
        created = await createPostgresTestDatabase(adminUrl!);
        pools = Array.from({ length: count }, () => createPgDb({ connectionString: created.url, max: 4 }));
        await migrate(pools[0]!);
        await prepare(pools[0]!);
      });
      afterAll(async () => {
        await Promise.all(pools.map((p) => p.close()));
        await created.drop();
      });

      it(`sends each of ${STUDENTS} nudges exactly once`, async () => {
        const received = new Map<number, number>();
        await runInstances(pools, received);
        await expectExactlyOnce(pools[0]!, received);
      }, 180_000);
    });
  }
});

describe.each(databases.filter((d) => d.name === 'pglite'))('instances sharing one $name', ({ create }) => {
  let db: Db;
  beforeAll(async () => {
    db = await create();
    await prepare(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it(`sends each of ${STUDENTS} nudges exactly once with three planners and dispatchers`, async () => {
    const received = new Map<number, number>();
    await runInstances([db, db, db], received);
    await expectExactlyOnce(db, received);
  }, 180_000);
});
