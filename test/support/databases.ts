// Every database test runs on the embedded PGlite and, when DATABASE_URL is set, on PostgreSQL too.
// Each create() gives a fresh, migrated database of its own; close() removes it.
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { createPgDb } from '../../db/pg-driver.js';
import { createPGliteDb } from '../../db/pglite-driver.js';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  create(): Promise<Db>;
}

const parsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };
let template: Promise<Blob> | undefined;

// Migrating once and loading the dumped data directory is much faster than initdb + migrate per test.
const pgliteTemplate = (): Promise<Blob> => {
  template ??= (async () => {
    const pglite = new PGlite({ parsers });
    await migrate(createPGliteDb(pglite, 'template', false));
    const blob = (await pglite.dumpDataDir('none')) as Blob;
    await pglite.close();
    return blob;
  })();
  return template;
};

// Fresh instances are slow to start (WASM), so each worker keeps its databases and empties them between tests.
const TRUNCATE = `DO $$ DECLARE tables text; BEGIN
  SELECT string_agg(quote_ident(tablename), ', ') INTO tables FROM pg_tables
   WHERE schemaname = 'public' AND tablename <> 'schema_migrations';
  EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
END $$`;

const pooled = (open: () => Promise<Db>): (() => Promise<Db>) => {
  const free: Db[] = [];
  return async () => {
    const reused = free.pop();
    const db = reused ?? (await open());
    if (reused) await db.exec(TRUNCATE);
    let released = false;
    return {
      ...db,
      async close() {
        if (released) return;
        released = true;
        free.push(db);
      },
    };
  };
};

const pgliteDatabase: TestDatabase = {
  name: 'pglite',
  create: pooled(async () => {
    const pglite = new PGlite({ parsers, loadDataDir: await pgliteTemplate() });
    await pglite.waitReady;
    return createPGliteDb(pglite, 'pglite (test)');
  }),
};

let counter = 0;
/** A new database on the PostgreSQL server of adminUrl, named so the global teardown can remove leftovers. */
export const createPostgresTestDatabase = async (adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> => {
  const run = process.env.LEERKANS_TEST_RUN ?? 'adhoc';
  const name = `leerkans_test_${run}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = createPgDb({ connectionString: adminUrl, max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = createPgDb({ connectionString: adminUrl, max: 1 });
      await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
};

const postgresDatabase = (adminUrl: string): TestDatabase => ({
  name: 'postgres',
  create: pooled(async () => {
    const created = await createPostgresTestDatabase(adminUrl);
    const db = createPgDb({ connectionString: created.url, max: 4 });
    await migrate(db);
    return db;
  }),
});

export const databases: TestDatabase[] = [
  pgliteDatabase,
  ...(process.env.DATABASE_URL ? [postgresDatabase(process.env.DATABASE_URL)] : []),
];
