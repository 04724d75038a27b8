// The embedded database: PostgreSQL compiled to WASM, in memory or persisted in a data directory.
//
// PGlite is one PostgreSQL session, so exactly one owner may use it, in-process. Its own mutexes (0.5.x) give each
// `query`/`exec` the session for the whole Parse/Bind/Execute/Sync exchange, and `transaction()` holds it from
// BEGIN to COMMIT: a plain query from anyone else waits until the transaction ends, so a transaction's statements
// never mix with another caller's. Nothing here may reach PGlite around those locks (no socket server, no pool).
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable } from './db.js';

const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
  async query<T extends object>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    const r = await target.query<T>(sql, params as unknown[] | undefined);
    // affectedRows is 0 for a SELECT on PGlite, while pg counts the rows returned: count them the same way.
    return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
  },
  async exec(sql: string) {
    await target.exec(sql);
  },
});

// Parse int8 and numeric as numbers, as the pg driver is set up to: counts and ids fit a JS number.
export const PGLITE_PARSERS = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };

export interface OpenPGliteOptions {
  /** A dumped, migrated data directory to start a new one from (db/embedded-template.ts); skips initdb. */
  template?: () => Promise<Blob | undefined>;
}

/** Opens PGlite in memory or in dataDir; a data directory that does not exist yet starts from the template. */
export async function openPGlite(dataDir?: string, options: OpenPGliteOptions = {}): Promise<PGlite> {
  const fresh = dataDir !== undefined && !existsSync(join(dataDir, 'PG_VERSION'));
  const template = fresh && options.template ? await options.template() : undefined;
  const pglite = dataDir
    ? new PGlite(dataDir, { parsers: PGLITE_PARSERS, ...(template ? { loadDataDir: template } : {}) })
    : new PGlite({ parsers: PGLITE_PARSERS });
  await pglite.waitReady;
  return pglite;
}

/** Thrown instead of deadlocking: the transaction holds the session, so a query outside it would wait forever. */
export class NestedSessionUseError extends Error {
  override readonly name = 'NestedSessionUseError';
  constructor(what: string) {
    super(
      `${what} on the embedded database was called inside a transaction with the database itself instead of the ` +
        'transaction (tx): PGlite is one session, so that would wait for the transaction forever',
    );
  }
}

/** Wraps an open PGlite; the caller owns its lifetime unless `ownsInstance` is set. */
export function createPGliteDb(pglite: PGlite, description: string, ownsInstance = true): Db {
  const base = wrap(pglite);
  // Which async call chain is inside one of this database's transactions (and whether it is still open).
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
  const guard = (what: string) => {
    if (inTransaction.getStore()?.open) throw new NestedSessionUseError(what);
  };
  return {
    kind: 'pglite',
    description,
    query<T extends object>(sql: string, params?: readonly unknown[]) {
      guard('query()');
      return base.query<T>(sql, params);
    },
    exec(sql: string) {
      guard('exec()');
      return base.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      guard('transaction()');
      const state = { open: true };
      return inTransaction.run(state, () =>
        pglite
          .transaction((tx) => fn(wrap(tx)))
          .finally(() => {
            state.open = false;
          }),
      );
    },
    async close() {
      if (ownsInstance && !pglite.closed) await pglite.close();
    },
  };
}
