import { count, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema.ts';

/** How many outbox rows still wait (pending or in flight) and how many are dead. */
export async function outboxCounts(database: Database) {
  const [waiting] = await database.db
    .select({ n: count() })
    .from(outbox)
    .where(inArray(outbox.state, ['pending', 'in_flight']));
  const [dead] = await database.db
    .select({ n: count() })
    .from(outbox)
    .where(eq(outbox.state, 'dead'));
  return { waiting: Number(waiting?.n ?? 0), dead: Number(dead?.n ?? 0) };
}

/** Waits until nothing waits in the outbox (every delivery done or dead). */
export async function drained(database: Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await outboxCounts(database).catch(() => undefined);
    if (counts?.waiting === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`outbox still holds ${counts?.waiting ?? '?'} rows after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
