// Numbered SQL migrations under db/migrations/, applied in one transaction under an advisory lock,
// so two processes starting at once apply each migration exactly once.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Arbitrary but fixed: the advisory lock key shared by every Leerkans process ("LEERKANS" in hex-ish).
const MIGRATION_LOCK_KEY = 0x1ee4a5;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{4})_([\w-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file ${file} must be named NNNN_name.sql`);
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(`${dir}${file}`, 'utf8') });
  }
  // Numbers are reserved per branch of work, so a gap may exist until the missing ones land; a repeat may not.
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version)
      throw new Error(`Migration ${m.version}_${m.name} repeats number ${previous.version}`);
  });
  return migrations;
}

/** Applies pending migrations; returns the versions this call applied (empty when up to date). */
export async function migrate(db: Db, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.version));
    const newlyApplied: number[] = [];
    for (const m of all) {
      if (applied.has(m.version)) continue;
      try {
        await tx.exec(m.sql);
      } catch (error) {
        throw new Error(`Migration ${m.version}_${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      newlyApplied.push(m.version);
    }
    return newlyApplied;
  });
}
