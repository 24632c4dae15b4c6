import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DeadDelivery, OutboxRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../outbox-queue.ts';
import { outbox } from '../schema.ts';

export function outboxRepository(db: Db): OutboxRepository {
  return {
    async enqueue(workspaceId, items) {
      if (items.length === 0) return;
      // A pending row with the same coalesce key already covers this delivery.
      await db
        .insert(outbox)
        .values(
          items.map((item) => ({
            workspaceId,
            topic: item.topic,
            payload: item.payload,
            coalesceKey: item.coalesceKey ?? null,
            availableAt: item.availableAt ?? new Date(),
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

    async revive(workspaceId, ids, now) {
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
