import type { OutboxRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
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
  };
}
