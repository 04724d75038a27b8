// Opens the database a process should use:
// - DATABASE_URL set → PostgreSQL through pg.
// - the server on the embedded database → PGlite in this process, served over a Unix socket (or loopback TCP)
//   in the data directory; the server itself talks to it through that socket too, so each client's transaction
//   stays its own (PGlite is a single session; the socket server keeps transactions per connection).
// - the CLI → the running server's socket when a server owns the data directory, else PGlite directly.
import { existsSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Db } from './db.js';
import { acquireLock, readLock } from './data-dir-lock.js';
import { createPgDb, redactUrl } from './pg-driver.js';
import { createPGliteDb, openPGlite } from './pglite-driver.js';

export interface DatabaseSettings {
  DATABASE_URL?: string | undefined;
  LEERKANS_DATA_DIR: string;
}

// Unix socket paths are limited to ~107 bytes; past that, serve on loopback TCP instead.
const MAX_SOCKET_PATH = 100;
const SOCKET_PORT = 5432;

const pgdataOf = (dataDir: string) => resolve(dataDir, 'pgdata');

/** For the server: owns the database; on the embedded one, shares it with CLI processes. */
export async function openServerDatabase(settings: DatabaseSettings): Promise<Db> {
  if (settings.DATABASE_URL) return createPgDb({ connectionString: settings.DATABASE_URL });
  const dataDir = resolve(settings.LEERKANS_DATA_DIR);
  const lock = acquireLock(dataDir);
  try {
    const pglite = await openPGlite(pgdataOf(dataDir));
    const socketPath = resolve(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
    const useUnixSocket = socketPath.length <= MAX_SOCKET_PATH;
    if (useUnixSocket && existsSync(socketPath)) unlinkSync(socketPath); // left by a crashed owner
    const server = new PGLiteSocketServer({
      db: pglite,
      maxConnections: 16,
      ...(useUnixSocket ? { path: socketPath } : { host: '127.0.0.1', port: 0 }),
    });
    await server.start();
    const endpoint = useUnixSocket
      ? { host: dataDir, port: SOCKET_PORT }
      : (() => {
          const [host, port] = server.getServerConn().split(':');
          return { host: host!, port: Number(port) };
        })();
    lock.update({ socket: endpoint });
    const pool = createPgDb({
      ...endpoint,
      max: 6,
      kind: 'pglite',
      description: `embedded PGlite in ${dataDir}`,
    });
    return {
      ...pool,
      async close() {
        await pool.close();
        await server.stop();
        await pglite.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** For a CLI command: the same database as a running server, or the embedded one opened directly. */
export async function openClientDatabase(settings: DatabaseSettings): Promise<Db> {
  if (settings.DATABASE_URL) {
    return createPgDb({
      connectionString: settings.DATABASE_URL,
      max: 2,
      description: redactUrl(settings.DATABASE_URL),
    });
  }
  const dataDir = resolve(settings.LEERKANS_DATA_DIR);
  const owner = readLock(dataDir);
  if (owner?.socket) {
    return createPgDb({
      ...owner.socket,
      max: 2,
      kind: 'pglite',
      description: `embedded PGlite in ${dataDir}, through the running server (pid ${owner.pid})`,
    });
  }
  const lock = acquireLock(dataDir); // throws a clear error when a live owner does not share the database
  try {
    const db = createPGliteDb(await openPGlite(pgdataOf(dataDir)), `embedded PGlite in ${dataDir}`);
    return {
      ...db,
      async close() {
        await db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
