/** Socket errors of a PostgreSQL connection that cannot be made or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/** node-postgres' own words for a connection that ended or never came (it sets no code on these). */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

/**
 * Whether `error` says PostgreSQL cannot be reached right now (so a retry later may succeed), as opposed to a
 * query that failed on its own: network errors, SQLSTATE class 08 (connection exception), 57P01-57P03 (server
 * shutting down or starting) and 53300 (too many connections). TypeORM wraps driver errors; `cause` is followed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 4; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return true;
    if (PG_MESSAGES.some((m) => message.includes(m))) return true;
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}
