// One small database interface, two drivers: PostgreSQL through `pg` and the embedded PGlite.
// The same SQL runs on both; queries use $1-style parameters and one statement per query() call.

export type Row = Record<string, unknown>;

// T is any object type: a domain interface (which has no index signature) describes a row without a cast.
export interface QueryResult<T extends object = Row> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DriverKind = 'pg' | 'pglite';

export interface Db extends Queryable {
  readonly kind: DriverKind;
  /** Human-readable description for logs and /healthz (never contains a password). */
  readonly description: string;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Errors from either driver carry the SQLSTATE in `code`. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
