// The server killed in the middle of a fan-out (npm run reliability only): 1,000 students whose shifts just
// ended, the real server (bin/server.js) plans their nudges and sends them to a fake Bot Connector, and is killed
// with SIGKILL part-way. After a restart (the leases of the messages it held run out), every student has their
// nudge: none lost, and the few sent twice were in flight at the kill, counted by the fake that received them.
// On the embedded database, and on PostgreSQL when DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { openEmbedded } from '../../db/open.js';
import { createPgDb } from '../../db/pg-driver.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { createPostgresTestDatabase } from '../support/databases.js';
import { type ServerProcess, startServerProcess } from '../support/processes.js';
import { recordFigures } from './support/figures.js';
import { watchProcess } from './support/watch.js';

watchProcess();

const STUDENTS = 1000;
const TENANT = 'b7e3c1d2-4a5f-4e6b-9c8d-1a2b3c4d5e6f';
/** How many nudges the fake must have received before the kill: mid-batch (the dispatcher claims 50 at a time). */
const KILL_AFTER = 321;

interface Target {
  name: 'embedded' | 'postgres';
  /** Environment for the server and a way to open the database from the test. */
  prepare(): Promise<{ env: Record<string, string>; open(): Promise<Db>; cleanup(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'embedded',
    async prepare() {
      const dir = mkdtempSync(join(tmpdir(), 'leerkans-fanout-'));
      return {
        env: { LEERKANS_DATA_DIR: dir },
        open: async () => (await openEmbedded(dir, 'reliability test')).db,
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  ...(process.env.DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async prepare() {
            const created = await createPostgresTestDatabase(process.env.DATABASE_URL!);
            return {
              env: { DATABASE_URL: created.url },
              open: async () => createPgDb({ connectionString: created.url, max: 2 }),
              cleanup: () => created.drop(),
            };
          },
        },
      ]
    : []),
];

/** 1,000 students on Teams whose shift ended 31 to 90 minutes ago, and the after-shift schedule without quiet hours. */
async function seed(db: Db, connector: FakeBotConnector): Promise<void> {
  await migrate(db);
  await db.query('DELETE FROM schedules');
  await db.query(
    `INSERT INTO schedules (name, kind, minutes_after_shift, quiet_start, quiet_end, holiday_policy)
     VALUES ('after-shift', 'after_shift', 30, '00:00', '00:00', 'ignore')`,
  );
  await db.query(
    `INSERT INTO people (email, name, roles, time_zone)
     SELECT 'fan' || g || '@student.example.be', 'Student ' || g, '{student}', 'Europe/Brussels'
       FROM generate_series(1, $1::int) g`,
    [STUDENTS],
  );
  await db.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
     SELECT id, 'teams', $1, 'aad-' || id,
            jsonb_build_object('channelId', 'msteams', 'serviceUrl', $2::text,
              'conversation', jsonb_build_object('id', 'a:fan-' || id, 'conversationType', 'personal', 'tenantId', $1::text),
              'user', jsonb_build_object('id', '29:fan-' || id, 'aadObjectId', 'aad-' || id),
              'bot', jsonb_build_object('id', '28:leerkans'))
       FROM people WHERE email LIKE 'fan%'`,
    [TENANT, connector.serviceUrl],
  );
  await db.query(
    `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
     SELECT id, now() - interval '9 hours', now() - make_interval(mins => 31 + id % 60), 'Zorgnet Kempen'
       FROM people WHERE email LIKE 'fan%'`,
  );
}

describe.each(targets)('SIGKILL during a 1,000-nudge fan-out on $name', (target) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('loses no nudge; the duplicates are at most the ones in flight, and counted', { timeout: 600_000 }, async () => {
    const connector = await startFakeBotConnector();
    cleanups.push(() => connector.close());
    const prepared = await target.prepare();
    cleanups.push(prepared.cleanup);
    const db = await prepared.open();
    await seed(db, connector);
    await db.close();

    const env = { ...prepared.env, LEERKANS_DEMO: 'off', LOG_LEVEL: 'warn', LEERKANS_PLANNER_CRON: '*/2 * * * * *' };
    const delivered = () => connector.calls.filter((c) => c.kind === 'send' && c.status < 300);
    let server: ServerProcess | undefined = await startServerProcess(env);
    cleanups.push(async () => {
      server?.child.kill('SIGKILL');
    });
    await connector.waitFor(() => delivered().length >= KILL_AFTER || undefined, 300_000);
    server.child.kill('SIGKILL');
    await server.stop();
    server = undefined;
    const beforeKill = delivered().length;

    // What the killed server left: messages sent, messages it held (leased, maybe sent, not yet marked), the rest.
    const afterKill = await prepared.open();
    const left = await afterKill.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox GROUP BY status ORDER BY status`,
    );
    await afterKill.close();
    const count = (rows: { status: string; n: number }[], status: string) =>
      rows.find((r) => r.status === status)?.n ?? 0;
    const planned = left.rows.reduce((n, r) => n + r.n, 0);
    const inFlight = count(left.rows, 'sending');
    expect(planned).toBe(STUDENTS);

    // Restarted: it sends the rest, and what it held once the leases run out (60 s).
    server = await startServerProcess(env);
    const people = () => new Set(delivered().map((c) => c.conversationId)).size;
    await connector.waitFor(() => people() >= STUDENTS || undefined, 300_000);
    // A moment more, for anything that would still go out twice.
    await sleep(3_000);
    expect(await server.stop()).toBe(0);
    server = undefined;

    const final = await prepared.open();
    const end = await final.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox GROUP BY status ORDER BY status`,
    );
    const replanned = await final.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
    await final.close();

    const sends = delivered().length;
    const duplicates = sends - people();
    recordFigures('SIGKILL during a 1,000-nudge fan-out', target.name, {
      'nudges planned': planned,
      'delivered before the kill': beforeKill,
      'marked sent at the kill': count(left.rows, 'sent'),
      'in flight at the kill (leased, not marked sent)': inFlight,
      'students with their nudge after the restart': people(),
      lost: STUDENTS - people(),
      'duplicates (counted by the fake)': duplicates,
    });
    expect(people()).toBe(STUDENTS);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    // Planned once (the restart planned nothing new) and all marked sent.
    expect(replanned.rows[0]!.n).toBe(STUDENTS);
    expect(end.rows).toEqual([{ status: 'sent', n: STUDENTS }]);
  });
});
