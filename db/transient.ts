// Errors that say "the database is not reachable right now" rather than "this statement is wrong": the connection
// was refused or cut, or the server is shutting down, restarting or still starting. Work that failed this way can
// run again once the server is back (the pool replaces broken connections by itself).

/** Socket-level codes from node-postgres. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
const SERVER = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres says these in words only. */
const WORDS = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i;

export function isTransientDbError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (NETWORK.has(code) || SERVER.has(code) || code.startsWith('08')) return true;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return WORDS.test(message);
}
