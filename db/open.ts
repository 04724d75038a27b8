// Opens the database a process should use:
// - DATABASE_URL set → PostgreSQL through pg (a pool: PostgreSQL has a session per connection).
// - otherwise the embedded PGlite in the data directory, opened in this process, which then owns it (the lock
//   file). PGlite is a single session: it is never shared over a socket. While the server owns it, the CLI hands
//   its commands to the server (app/control/) instead of opening the database here.
import { resolve } from 'node:path';
import { acquireLock, type DataDirLock } from './data-dir-lock.js';
import type { Db } from './db.js';
import { DEFAULT_TEMPLATE_DIR, readEmbeddedTemplate } from './embedded-template.js';
import { createPgDb, redactUrl } from './pg-driver.js';
import { createPGliteDb, openPGlite } from './pglite-driver.js';

export interface DatabaseSettings {
  DATABASE_URL?: string | undefined;
  LEERKANS_DATA_DIR: string;
  /** Where a new embedded data directory's template is looked for (db/embedded-template.ts). */
  LEERKANS_TEMPLATE_DIR?: string | undefined;
}

export interface OpenedDatabase {
  db: Db;
  /** The data-directory lock on the embedded database (to publish the control endpoint); undefined on PostgreSQL. */
  lock?: DataDirLock;
}

export const pgdataOf = (dataDir: string) => resolve(dataDir, 'pgdata');

/** Opens the embedded database in dataDir as its only owner; throws DataDirLockedError when a live process has it. */
export async function openEmbedded(
  dataDir: string,
  description: string,
  role: 'server' | 'cli' = 'cli',
  templateDir: string = DEFAULT_TEMPLATE_DIR,
): Promise<OpenedDatabase> {
  const dir = resolve(dataDir);
  const lock = acquireLock(dir, role);
  try {
    const pglite = await openPGlite(pgdataOf(dir), { template: () => readEmbeddedTemplate(templateDir) });
    const db = createPGliteDb(pglite, `${description} in ${dir}`);
    return {
      lock,
      db: {
        ...db,
        async close() {
          try {
            await db.close();
          } finally {
            lock.release();
          }
        },
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** For the server: PostgreSQL, or the embedded database owned by this process. */
export async function openServerDatabase(settings: DatabaseSettings): Promise<OpenedDatabase> {
  if (settings.DATABASE_URL) return { db: createPgDb({ connectionString: settings.DATABASE_URL }) };
  return openEmbedded(settings.LEERKANS_DATA_DIR, 'embedded PGlite', 'server', settings.LEERKANS_TEMPLATE_DIR);
}

/** For a CLI command with no server running: PostgreSQL, or the embedded database opened directly. */
export async function openClientDatabase(settings: DatabaseSettings): Promise<Db> {
  if (settings.DATABASE_URL) {
    return createPgDb({
      connectionString: settings.DATABASE_URL,
      max: 2,
      description: redactUrl(settings.DATABASE_URL),
    });
  }
  return (await openEmbedded(settings.LEERKANS_DATA_DIR, 'embedded PGlite', 'cli', settings.LEERKANS_TEMPLATE_DIR)).db;
}
