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

/**
 * A database failure as it may be logged: the statement (our SQL, with `$1` placeholders), the
 * SQLSTATE and the names of the column, table and constraint — never the parameters, nor
 * Postgres's `detail` (which quotes the row), nor a message that quotes a refused value.
 */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  readonly code: string | undefined;
  readonly column_name: string | undefined;
  readonly table_name: string | undefined;
  readonly constraint_name: string | undefined;

  constructor(message: string, fields: Partial<Record<string, unknown>>) {
    super(message);
    const text = (key: string) => (typeof fields[key] === 'string' ? fields[key] : undefined);
    this.code = text('code');
    this.column_name = text('column_name');
    this.table_name = text('table_name');
    this.constraint_name = text('constraint_name');
  }
}

/** Drizzle's failed-query error (`Failed query: … params: …`), by its shape. */
function isFailedQuery(error: unknown): error is Error & { query: string; cause?: unknown } {
  return (
    error instanceof Error &&
    typeof (error as { query?: unknown }).query === 'string' &&
    'params' in error
  );
}

function isDriverError(error: unknown): error is Error & Record<string, unknown> {
  return (
    error instanceof Error &&
    (error.name === 'PostgresError' || typeof (error as { code?: unknown }).code === 'string')
  );
}

/**
 * Replaces a database error with a DatabaseError that carries nothing from the row being
 * written: the store throws only these, so no log line (at any level) can print a merchant's
 * email or a message body from a failed write. Other errors (domain refusals) pass unchanged.
 */
export function withoutParameters(error: unknown): unknown {
  if (error instanceof DatabaseError) return error;
  const failed = isFailedQuery(error) ? error : undefined;
  const driver = failed ? failed.cause : error;
  if (!failed && !(isDriverError(driver) && driver.name === 'PostgresError')) return error;
  const fields: Record<string, unknown> = isDriverError(driver) ? driver : {};
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  // Data exceptions (class 22) quote the value they refused ("invalid input syntax … "abc"").
  const reason =
    driver instanceof Error && code && !code.startsWith('22') ? driver.message : 'value refused';
  const statement = failed ? `Failed query: ${failed.query.slice(0, 500)}: ` : '';
  return new DatabaseError(`${statement}${reason}${code ? ` (${code})` : ''}`, fields);
}
