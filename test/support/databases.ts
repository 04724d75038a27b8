// Every database test runs on the embedded PGlite and, when DATABASE_URL is set, on PostgreSQL too.
// create() gives a database in exactly the state the migrations leave it (their rows included); create(prepared)
// one in the state `prepared.run` leaves it, e.g. with the demo data imported. close() hands it back.
//
// What makes that cheap (test/support/global-setup.ts builds the templates once per run):
// - PGlite starts from a dumped, migrated data directory instead of initdb + migrations, and PostgreSQL databases
//   are created from a migrated template database (CREATE DATABASE … TEMPLATE).
// - Each worker keeps its databases: between tests every table is emptied and refilled from a snapshot (rows and
//   sequences) of the state wanted, and a prepared state is built once per worker and then restored.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { createPgDb } from '../../db/pg-driver.js';
import { createPGliteDb, PGLITE_PARSERS } from '../../db/pglite-driver.js';

/** A state to start tests from, built by `run` on a freshly migrated database; `key` names it in the cache. */
export interface Prepared {
  key: string;
  run(db: Db): Promise<void>;
}

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  create(prepared?: Prepared): Promise<Db>;
}

/** Set by the global setup: the migrated PGlite data directory (an uncompressed dump) every test database loads. */
export const PGLITE_TEMPLATE_ENV = 'LEERKANS_TEST_PGLITE_TEMPLATE';
/** Set by the global setup when DATABASE_URL is set: the migrated database new PostgreSQL test databases copy. */
export const PG_TEMPLATE_ENV = 'LEERKANS_TEST_PG_TEMPLATE';

let pgliteTemplate: Promise<Blob> | undefined;
const loadPgliteTemplate = (): Promise<Blob> => {
  pgliteTemplate ??= (async () => {
    const file = process.env[PGLITE_TEMPLATE_ENV];
    if (file) return new Blob([readFileSync(file)]);
    // Without the global setup (a single file run by another runner): migrate once in this worker.
    const pglite = new PGlite({ parsers: PGLITE_PARSERS });
    await migrate(createPGliteDb(pglite, 'template', false));
    const blob = (await pglite.dumpDataDir('none')) as Blob;
    await pglite.close();
    return blob;
  })();
  return pgliteTemplate;
};

/** Every row of every table (in storage order) and every sequence: enough to put a database back as it was. */
interface Snapshot {
  tables: { name: string; columns: string; rows: unknown[] }[];
  sequences: { seq: string; value: number; called: boolean }[];
}

const TABLES = `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'`;

const takeSnapshot = async (db: Db): Promise<Snapshot> => {
  const names = (await db.query<{ name: string }>(`${TABLES} ORDER BY 1`)).rows.map((r) => r.name);
  const tables: Snapshot['tables'] = [];
  for (const name of names) {
    const r = await db.query<{ rows: unknown[] | null }>(
      `SELECT jsonb_agg(to_jsonb(t) ORDER BY t.ctid) AS rows FROM "${name}" t`,
    );
    const rows = r.rows[0]?.rows;
    if (!rows) continue;
    // Generated columns are computed again on insert.
    const cols = await db.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
          AND attgenerated = '' ORDER BY attnum`,
      [`public."${name}"`],
    );
    tables.push({ name, columns: cols.rows.map((c) => `"${c.name}"`).join(', '), rows });
  }
  const sequences = await db.query<{ seq: string; value: number; called: boolean }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS seq, coalesce(last_value, start_value) AS value,
            last_value IS NOT NULL AS called
       FROM pg_sequences WHERE schemaname = 'public'`,
  );
  return { tables, sequences: sequences.rows };
};

// DELETE rather than TRUNCATE: on tables this small it is far cheaper (TRUNCATE makes new files for every table and
// index: about 0.4 s a test on PostgreSQL). Run with session_replication_role = replica (as pg_dump's
// --disable-triggers does), so neither foreign keys (some form cycles) nor triggers act while rows go and come back.
// That needs a superuser, as PGlite's and a test server's postgres user are.
const EMPTY_ALL = `DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' LOOP
    EXECUTE format('DELETE FROM %I', t);
  END LOOP;
END $$`;

// Deleted rows stay in the tables until a vacuum (PGlite runs no autovacuum): clear them out now and then.
const VACUUM_EVERY = 25;

const restore = (db: Db, snapshot: Snapshot): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await tx.exec(EMPTY_ALL);
    for (const t of snapshot.tables) {
      await tx.query(
        `INSERT INTO "${t.name}" (${t.columns}) OVERRIDING SYSTEM VALUE
         SELECT ${t.columns} FROM jsonb_populate_recordset(NULL::"${t.name}", $1::jsonb)`,
        [JSON.stringify(t.rows)],
      );
    }
    await tx.query(
      `SELECT setval(s.seq::regclass, s.value, s.called) FROM jsonb_to_recordset($1::jsonb) AS s(seq text, value bigint, called boolean)`,
      [JSON.stringify(snapshot.sequences)],
    );
  });

interface Pooled {
  db: Db;
  /** Used by a test since it was last put back into a known state. */
  dirty: boolean;
  restores: number;
}

/** A worker's databases of one kind: reused between tests, each put back into the state a test asks for. */
const pooled = (open: () => Promise<Db>): ((prepared?: Prepared) => Promise<Db>) => {
  const free: Pooled[] = [];
  let migrated: Snapshot | undefined;
  const states = new Map<string, Promise<Snapshot>>();
  const putBack = async (entry: Pooled, snapshot: Snapshot) => {
    if (++entry.restores % VACUUM_EVERY === 0) await entry.db.exec('VACUUM');
    await restore(entry.db, snapshot);
    entry.dirty = false;
  };
  const prepare = async (entry: Pooled, prepared: Prepared | undefined) => {
    // The first database opened is as the migrations left it: that state is what every later one returns to.
    if (!migrated) migrated = await takeSnapshot(entry.db);
    const known = prepared && states.get(prepared.key);
    if (known) return putBack(entry, await known);
    if (entry.dirty) await putBack(entry, migrated);
    if (!prepared) return;
    entry.dirty = true;
    const built = prepared.run(entry.db).then(() => takeSnapshot(entry.db));
    states.set(prepared.key, built);
    await built.catch((error: unknown) => {
      states.delete(prepared.key);
      throw error;
    });
  };
  return async (prepared) => {
    const entry = free.pop() ?? { db: await open(), dirty: false, restores: 0 };
    try {
      await prepare(entry, prepared);
    } catch (error) {
      // Not lost for the next test: it is put back into a known state then.
      entry.dirty = true;
      free.push(entry);
      throw error;
    }
    let released = false;
    return {
      ...entry.db,
      async close() {
        if (released) return;
        released = true;
        entry.dirty = true;
        free.push(entry);
      },
    };
  };
};

const pgliteDatabase: TestDatabase = {
  name: 'pglite',
  create: pooled(async () => {
    const pglite = new PGlite({ parsers: PGLITE_PARSERS, loadDataDir: await loadPgliteTemplate() });
    await pglite.waitReady;
    return createPGliteDb(pglite, 'pglite (test)');
  }),
};

let counter = 0;
/**
 * A new database on the PostgreSQL server of adminUrl, named so the global teardown can remove leftovers: empty,
 * or a copy of `template`.
 */
export const createPostgresTestDatabase = async (
  adminUrl: string,
  template?: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> => {
  const run = process.env.LEERKANS_TEST_RUN ?? 'adhoc';
  const name = `leerkans_test_${run}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = createPgDb({ connectionString: adminUrl, max: 1 });
  try {
    await admin.exec(`CREATE DATABASE ${name}${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
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
    const template = process.env[PG_TEMPLATE_ENV];
    const created = await createPostgresTestDatabase(adminUrl, template);
    const db = createPgDb({ connectionString: created.url, max: 4 });
    if (!template) await migrate(db);
    return db;
  }),
});

export const databases: TestDatabase[] = [
  pgliteDatabase,
  ...(process.env.DATABASE_URL ? [postgresDatabase(process.env.DATABASE_URL)] : []),
];
