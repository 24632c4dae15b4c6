import { openDatabase } from '../../src/db/client.ts';
import { outboxQueue } from '../../src/db/outbox-queue.ts';
import type { OutboxDepth } from '../../src/services/ports.ts';
import { sleep } from './stats.ts';

/**
 * Waits until the workspace's outbox holds nothing pending or in flight (every delivery done or
 * dead), as jobdesk's own /healthz counts it, or until `timeoutMs`; returns the last count.
 */
export async function waitDrained(
  url: string,
  workspaceId: string,
  timeoutMs: number,
): Promise<OutboxDepth | undefined> {
  const database = await openDatabase({ url, maxConnections: 1 });
  try {
    const queue = outboxQueue(database.db, workspaceId);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // A query may fail while a replica is being killed mid-transaction: ask again.
      const depth = await queue.depth(new Date()).catch(() => undefined);
      if (depth?.pending === 0 || Date.now() > deadline) return depth;
      await sleep(100);
    }
  } finally {
    await database.close();
  }
}
