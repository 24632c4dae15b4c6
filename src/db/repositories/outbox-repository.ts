import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DeadDelivery, OutboxRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../outbox-queue.ts';
import { outbox } from '../schema.ts';
import type { WallClock } from '../wall-clock.ts';

/**
 * Every time in the outbox is wall-clock time (`wallClock`): when a row is due, leased, done or
 * dead is the worker's business, which runs on real time however far a test or the sandbox has
 * moved the business clock. Never the database's `now()` either, so one clock decides.
 */
export function outboxRepository(db: Db, wallClock: WallClock): OutboxRepository {
  return {
    async enqueue(workspaceId, items) {
      if (items.length === 0) return;
      const now = wallClock();
      // A pending row with the same coalesce key already covers this delivery.
      await db
        .insert(outbox)
        .values(
          items.map((item) => ({
            workspaceId,
            topic: item.topic,
            payload: item.payload,
            coalesceKey: item.coalesceKey ?? null,
            availableAt: new Date(now.getTime() + (item.delayMs ?? 0)),
            createdAt: now,
          })),
        )
        .onConflictDoNothing();
    },

    async listDead(workspaceId, limit) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.state, 'dead')))
        .orderBy(desc(outbox.id))
        .limit(limit);
      return rows.map(
        (r): DeadDelivery => ({
          id: r.id,
          topic: r.topic,
          payload: r.payload,
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt,
          deadAt: r.deadAt,
        }),
      );
    },

    async countDead(workspaceId) {
      const [row] = await db
        .select({ n: count() })
        .from(outbox)
        .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.state, 'dead')));
      return Number(row?.n ?? 0);
    },

    async revive(workspaceId, ids) {
      const now = wallClock();
      const dead = and(eq(outbox.workspaceId, workspaceId), eq(outbox.state, 'dead'));
      const rows = await db
        .select({ id: outbox.id })
        .from(outbox)
        .where(ids === 'all' ? dead : and(dead, inArray(outbox.id, ids)))
        .orderBy(outbox.id)
        .for('update');
      let revived = 0;
      // One by one: a dead card whose job has a newer card delivery pending collides with it on
      // the coalesce key, and is closed instead (the pending one renders the current state).
      for (const { id } of rows) {
        try {
          await db.transaction(async (tx) => {
            await tx
              .update(outbox)
              .set({
                state: 'pending',
                attempts: 0,
                availableAt: now,
                leaseUntil: null,
                deadAt: null,
                lastError: sql`'retried by an admin after: ' || coalesce(${outbox.lastError}, '')`,
              })
              .where(eq(outbox.id, id));
          });
          revived += 1;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          await db
            .update(outbox)
            .set({ state: 'done', doneAt: now, lastError: 'superseded by a newer delivery' })
            .where(eq(outbox.id, id));
        }
      }
      return revived;
    },

    async pruneDone(workspaceId, before, limit) {
      const old = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.workspaceId, workspaceId),
            eq(outbox.state, 'done'),
            lt(outbox.doneAt, before),
          ),
        )
        .limit(limit);
      const rows = await db
        .delete(outbox)
        .where(inArray(outbox.id, old))
        .returning({ id: outbox.id });
      return rows.length;
    },
  };
}
