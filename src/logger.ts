import { pino } from 'pino';

export type Logger = pino.Logger;

/** Drizzle's failed-query text, from its parameter list to the first stack frame or the end. */
const PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;
/** Error fields that quote the row being written (Drizzle's, postgres.js's, Postgres's own). */
const ROW_FIELDS = new Set(['params', 'parameters', 'detail', 'where', 'args']);

/** A value as it may be logged: no parameter list in any string, no row-quoting error field. */
function withoutRowData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.includes('\nparams: ') ? value.replace(PARAMS, '\nparams: [withheld]') : value;
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  // Errors first become what pino prints for them (message, stack, own fields), and so do causes.
  if (value instanceof Error) {
    const printed: Record<string, unknown> = { ...pino.stdSerializers.err(value) };
    if (value.cause !== undefined) printed.cause = value.cause;
    return withoutRowData(printed, depth + 1);
  }
  if (Array.isArray(value)) return value.map((v) => withoutRowData(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !ROW_FIELDS.has(key))
      .map(([key, v]) => [key, withoutRowData(v, depth + 1)]),
  );
}

/**
 * Structured JSON logs; anything that looks like a credential is redacted wherever it appears,
 * and no error can print the data of a failed query (the store already throws errors without
 * it; this is the last line of defence). Lines go to stdout, or to `destination` (tests read them).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'jobdesk' },
    // Errors are already plain objects by then (see withoutRowData): printed as they are.
    serializers: { err: (printed: unknown) => printed },
    // Runs before pino's serializers, on everything logged (errors included, at any depth).
    formatters: { log: (object) => withoutRowData(object) as Record<string, unknown> },
    redact: {
      paths: [
        '*.token',
        '*.secret',
        '*.signingSecret',
        '*.botToken',
        '*.appToken',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
