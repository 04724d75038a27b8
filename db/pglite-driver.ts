// The embedded database: PostgreSQL compiled to WASM, in memory or persisted in a data directory.
import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable, Row } from './db.js';

const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
  async query<T extends Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    const r = await target.query<T>(sql, params as unknown[] | undefined);
    // affectedRows is 0 for a SELECT on PGlite, while pg counts the rows returned: count them the same way.
    return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
  },
  async exec(sql: string) {
    await target.exec(sql);
  },
});

export async function openPGlite(dataDir?: string): Promise<PGlite> {
  // Parse int8 and numeric as numbers, as the pg driver is set up to: counts and ids fit a JS number.
  const parsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };
  const pglite = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await pglite.waitReady;
  return pglite;
}

/** Wraps an open PGlite; the caller owns its lifetime unless `ownsInstance` is set. */
export function createPGliteDb(pglite: PGlite, description: string, ownsInstance = true): Db {
  const base = wrap(pglite);
  return {
    kind: 'pglite',
    description,
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      if (ownsInstance && !pglite.closed) await pglite.close();
    },
  };
}
