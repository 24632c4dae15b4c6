import { and, count, eq, inArray, lte, min, or, sql } from 'drizzle-orm';
import type { OutboxQueue, OutboxRow } from '../services/ports.ts';
import type { Db } from './client.ts';
import { outbox } from './schema.ts';

export function outboxQueue(db: Db): OutboxQueue {
  return {
    async claim(limit, leaseMs, now, topics) {
      if (topics.length === 0) return [];
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              inArray(outbox.topic, topics),
              or(
                and(eq(outbox.state, 'pending'), lte(outbox.availableAt, now)),
                and(eq(outbox.state, 'in_flight'), lte(outbox.leaseUntil, now)),
              ),
            ),
          )
          .orderBy(outbox.id)
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        const rows = await tx
          .update(outbox)
          .set({
            state: 'in_flight',
            leaseUntil: new Date(now.getTime() + leaseMs),
            attempts: sql`${outbox.attempts} + 1`,
          })
          .where(
            inArray(
              outbox.id,
              due.map((r) => r.id),
            ),
          )
          .returning();
        return rows
          .sort((a, b) => a.id - b.id)
          .map(
            (r): OutboxRow => ({
              id: r.id,
              workspaceId: r.workspaceId,
              topic: r.topic,
              payload: r.payload,
              attempts: r.attempts,
              createdAt: r.createdAt,
            }),
          );
      });
    },

    async complete(id, now) {
      await db
        .update(outbox)
        .set({ state: 'done', doneAt: now, leaseUntil: null })
        .where(eq(outbox.id, id));
    },

    async retry(id, availableAt, error) {
      try {
        await db
          .update(outbox)
          .set({ state: 'pending', availableAt, leaseUntil: null, lastError: error })
          .where(eq(outbox.id, id));
      } catch (cause) {
        // A newer pending row with the same coalesce key will render the same current state.
        if (!isUniqueViolation(cause)) throw cause;
        await db
          .update(outbox)
          .set({ state: 'done', leaseUntil: null, lastError: `superseded after: ${error}` })
          .where(eq(outbox.id, id));
      }
    },

    async bury(id, error) {
      await db
        .update(outbox)
        .set({ state: 'dead', leaseUntil: null, lastError: error })
        .where(eq(outbox.id, id));
    },

    async depth(now) {
      const rows = await db
        .select({ state: outbox.state, n: count(), oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(inArray(outbox.state, ['pending', 'in_flight', 'dead']))
        .groupBy(outbox.state);
      const waiting = rows.filter((r) => r.state !== 'dead');
      // Aggregates come back as strings from some drivers, so normalise before comparing.
      const oldest = waiting
        .map((r) => (r.oldest === null ? null : new Date(r.oldest)))
        .filter((d): d is Date => d !== null)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      return {
        pending: waiting.reduce((sum, r) => sum + r.n, 0),
        dead: rows.find((r) => r.state === 'dead')?.n ?? 0,
        oldestAgeMs: oldest ? now.getTime() - oldest.getTime() : null,
      };
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (
    let e = error as { code?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505') return true;
  }
  return false;
}
