import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { outbox, workspaces } from '../../src/db/schema.ts';
import { postSignedIntake } from '../../src/http/intake/signed-post.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

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

/**
 * Hands an event to the intake API the way a feeder does: signed, and offered again while the
 * answer is not 202/200 (the API is idempotent by event id). Tests on a busy shared Postgres
 * can meet a 500; a feeder retries, so does this. Returns the final status.
 */
export async function feed(url: string, secret: string, body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  for (let attempt = 1; ; attempt++) {
    // Signed on real time, as a feeder's own clock would: tests move only the business clock.
    const status = await postSignedIntake(`${url}/intake/events`, secret, raw).then(
      async (res) => {
        await res.arrayBuffer();
        return res.status;
      },
      () => 0,
    );
    if (status === 202 || status === 200 || attempt >= 20) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A database of the test file's own with workspace T1, its outbox emptied before each test (the
 * worker's tests drive the real queue). Returns the database once `beforeAll` has made it.
 */
export function useOutboxDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(workspaces).values({ id: 'T1' });
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database?.db.delete(outbox);
  });
  return () => {
    if (!database) throw new Error('the test database is made in beforeAll');
    return database;
  };
}
