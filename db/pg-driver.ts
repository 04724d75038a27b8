// PostgreSQL through node-postgres (a pool: PostgreSQL gives each connection its own session). Never used for the
// embedded database, which is one session owned in-process (db/pglite-driver.ts).
import pg from 'pg';
import type { Db, QueryResult, Queryable } from './db.js';

// int8 and numeric come back as strings from pg but as numbers from PGlite; ids and counts here fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const toResult = <T extends object>(r: pg.QueryResult): QueryResult<T> => ({
  rows: r.rows as T[],
  rowCount: r.rowCount ?? r.rows.length,
});

const clientQueryable = (client: pg.PoolClient): Queryable => ({
  async query<T extends object>(sql: string, params?: readonly unknown[]) {
    return toResult<T>(await client.query(sql, params as unknown[] | undefined));
  },
  async exec(sql: string) {
    await client.query(sql);
  },
});

export interface PgDriverOptions {
  connectionString?: string;
  /** Host (or Unix-socket directory) and port, instead of a connection string. */
  host?: string;
  port?: number;
  max?: number;
  description?: string;
}

export function createPgDb(options: PgDriverOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    host: options.host,
    port: options.port,
    // Without a connection string, name the user and database rather than let pg guess them from $USER.
    ...(options.connectionString ? {} : { user: 'postgres', database: 'postgres' }),
    max: options.max ?? 10,
    // An idle pooled connection that the server closes must not crash the process.
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', () => {
    // Errors on idle clients surface on the next query; the pool replaces the client.
  });
  const description =
    options.description ??
    (options.connectionString ? redactUrl(options.connectionString) : `socket ${options.host}:${options.port}`);
  return {
    kind: 'pg',
    description,
    async query<T extends object>(sql: string, params?: readonly unknown[]) {
      return toResult<T>(await pool.query(sql, params as unknown[] | undefined));
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // The pool listens for errors on idle clients only. A checked-out client whose server goes away between two
      // queries (a restart, a failover) emits 'error' with nobody listening: an uncaught exception that would end
      // the process. Keep it, and hand the broken client back as broken so the pool drops it.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(clientQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export const redactUrl = (value: string): string => {
  const u = new URL(value);
  if (u.password) u.password = '***';
  return u.toString();
};
