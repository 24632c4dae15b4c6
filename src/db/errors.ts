/**
 * Whether an error means the database is unreachable for now (restarting, failing over, out of
 * connections) rather than that the query was wrong: the same work can succeed in a moment.
 * Drivers and Drizzle wrap errors, so the whole cause chain is looked at.
 */
const DRIVER_CODES = new Set([
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // Node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs: admin/crash shutdown, cannot connect now, too many connections. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined;
    e && typeof e === 'object' && !seen.has(e);
    e = e.cause as typeof e
  ) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    // Class 08: connection exceptions.
    if (DRIVER_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** A value Postgres refused to store: the sender's data, not a fault of ours. */
export interface RefusedValue {
  /** The SQLSTATE, e.g. 22001 (too long), 22008 (date out of range), 22P05 (untranslatable). */
  code: string;
  /** The column, when Postgres names it. */
  column: string | undefined;
}

/**
 * Whether an error is Postgres refusing a value (SQLSTATE class 22, data exceptions, or a
 * NOT NULL / CHECK violation): retrying the same event can never succeed, so it is a 400.
 */
export function refusedValue(error: unknown): RefusedValue | undefined {
  const seen = new Set<unknown>();
  for (
    let e = error as { code?: unknown; cause?: unknown; column_name?: unknown } | undefined;
    e && typeof e === 'object' && !seen.has(e);
    e = e.cause as typeof e
  ) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^22[0-9A-Z]{3}$/.test(code) || code === '23502' || code === '23514') {
      return { code, column: typeof e.column_name === 'string' ? e.column_name : undefined };
    }
  }
  return undefined;
}
