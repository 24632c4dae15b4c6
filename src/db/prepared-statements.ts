import type postgres from 'postgres';

type Work = (sql: postgres.Sql) => unknown;

/**
 * The postgres.js pool as Drizzle should see it: its queries prepared as the pool's own `prepare`
 * option says (postgres.js's default, true; `?prepare=false` in DATABASE_URL turns it off, as a
 * pooler in transaction mode needs).
 *
 * Drizzle's postgres.js driver runs every query it did not name with `.prepare()` as
 * `unsafe(text, params, { prepare: false })` (drizzle-orm issue #6096, fix proposed in PR #6098,
 * not released in 0.45). postgres.js then asks the server for the parameter types first (Parse,
 * Describe, Flush) and sends Bind and Execute only when that answer is back: two round trips per
 * statement, sent together or not, and the server parses and plans the text every time. Prepared,
 * a connection does that once per statement and then sends Bind and Execute alone: one round trip.
 *
 * Transactions and savepoints hand Drizzle a connection of their own: wrapped the same way.
 */
export function preparedForDrizzle(
  sql: postgres.Sql,
  // A transaction's connection has no options of its own: the pool's are passed down.
  prepare: boolean = sql.options.prepare,
): postgres.Sql {
  return new Proxy(sql, {
    get(target, key) {
      switch (key) {
        case 'unsafe':
          return (text: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
            target.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
              ...options,
              prepare,
            });
        case 'begin':
        case 'savepoint':
          return (...args: unknown[]) => {
            const work = args.pop() as Work;
            const scoped = Reflect.get(target, key) as (...a: unknown[]) => Promise<unknown>;
            return scoped(...args, (inner: postgres.Sql) =>
              work(preparedForDrizzle(inner, prepare)),
            );
          };
        default:
          return Reflect.get(target, key);
      }
    },
  });
}
