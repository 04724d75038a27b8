import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { createPgDb } from '../../db/pg-driver.js';
import { createPostgresTestDatabase, databases } from '../support/databases.js';
import { runCli } from '../support/processes.js';

describe.each(databases)('migrations and transactions on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('records every migration once and is a no-op when up to date', async () => {
    const all = await loadMigrations();
    const r = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(r.rows.map((x) => x.version)).toEqual(all.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
  });

  it('rolls a failing migration back entirely', async () => {
    const all = await loadMigrations();
    const broken = [
      ...all,
      {
        version: Math.max(...all.map((m) => m.version)) + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
      },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/Migration \d+_broken failed/);
    const t = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    expect(t.rowCount).toBe(0);
    const v = await db.query('SELECT 1 FROM schema_migrations WHERE name = $1', ['broken']);
    expect(v.rowCount).toBe(0);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query(`INSERT INTO cohorts (code) VALUES ('kept')`));
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO cohorts (code) VALUES ('lost')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const r = await db.query<{ code: string }>('SELECT code FROM cohorts ORDER BY code');
    expect(r.rows).toEqual([{ code: 'kept' }]);
  });

  it('returns counts and ids as numbers on both drivers', async () => {
    const r = await db.query<{ n: number; big: number }>('SELECT count(*) AS n, 42::bigint AS big FROM people');
    expect(r.rows[0]).toEqual({ n: 0, big: 42 });
  });
});

// Only where there is a PostgreSQL server to share (the embedded database has one owner by design); not listed
// as skipped elsewhere.
if (process.env.DATABASE_URL) {
  describe('two processes migrating one PostgreSQL at once (postgres only)', () => {
    it('both succeed and each migration is applied once', async () => {
      const created = await createPostgresTestDatabase(process.env.DATABASE_URL!);
      try {
        const env = { DATABASE_URL: created.url };
        const [a, b] = await Promise.all([runCli(['migrate'], env), runCli(['migrate'], env)]);
        expect([a.code, b.code]).toEqual([0, 0]);
        const outputs = [a.stdout.trim(), b.stdout.trim()].sort();
        // Exactly one process applied the migrations; the other waited on the advisory lock and found them done.
        expect(outputs[0]).toMatch(/^Applied migrations 1/);
        expect(outputs[1]).toBe('Database is up to date');
        const db = createPgDb({ connectionString: created.url, max: 1 });
        const r = await db.query<{ version: number; n: number }>(
          'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
        );
        expect(r.rows.every((row) => row.n === 1)).toBe(true);
        expect(r.rows.map((row) => row.version)).toEqual((await loadMigrations()).map((m) => m.version));
        await db.close();
      } finally {
        await created.drop();
      }
    });
  });
}
