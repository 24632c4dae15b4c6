// Under an intake burst into a paced channel, the worker puts most claimed cards off until their
// booked slot. Those defers are written a group at a time (issue 16, item 4): one statement for
// the rows put off while the previous write ran, each row left exactly as defer leaves it.

import { asc } from 'drizzle-orm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { outboxQueue } from '../../src/db/outbox-queue.ts';
import { outbox } from '../../src/db/schema.ts';
import { DeliveryDeferred } from '../../src/delivery/outcome.ts';
import { OutboxWorker } from '../../src/delivery/worker.ts';
import type { DeferredRow, OutboxQueue, OutboxRow } from '../../src/services/ports.ts';
import { useOutboxDatabase } from './support.ts';

const database = useOutboxDatabase();

async function enqueue(n: number, coalesceKey?: (i: number) => string) {
  await database()
    .db.insert(outbox)
    .values(
      Array.from({ length: n }, (_, i) => ({
        workspaceId: 'T1',
        topic: 'slack.test',
        payload: { i },
        coalesceKey: coalesceKey?.(i) ?? null,
        availableAt: new Date(Date.now() - 1),
      })),
    );
}

const rows = () => database().db.select().from(outbox).orderBy(asc(outbox.id));

describe('deferring several rows in one statement', () => {
  it('leaves each row pending at its own time, its attempt given back, only if still claimed', async () => {
    const queue = outboxQueue(database().db);
    await enqueue(4);
    const claimed = await queue.claim(10, 60_000, new Date(), ['slack.test']);
    expect(claimed).toHaveLength(4);
    const [stale, ...held] = claimed as [OutboxRow, ...OutboxRow[]];
    const base = Date.now() + 60_000;
    const items: DeferredRow[] = [
      // An attempt another worker took over since (attempts moved on): left alone.
      { row: { ...stale, attempts: stale.attempts + 1 }, availableAt: new Date(base), reason: 'x' },
      ...held.map((row, i) => ({
        row,
        availableAt: new Date(base + i * 1000),
        reason: `channel:C1 is paced ${i}`,
      })),
    ];
    await queue.deferMany?.(items);
    const after = await rows();
    expect(after[0]).toMatchObject({ state: 'in_flight', attempts: 1 });
    after.slice(1).forEach((row, i) => {
      expect(row).toMatchObject({
        state: 'pending',
        attempts: 0,
        leaseUntil: null,
        lastError: `channel:C1 is paced ${i}`,
      });
      expect(row.availableAt.getTime()).toBe(base + i * 1000);
    });
  });

  it('falls back to defer row by row when a newer row of the same card is pending', async () => {
    const queue = outboxQueue(database().db);
    await enqueue(2, (i) => `card:job:${i}`);
    const claimed = await queue.claim(10, 60_000, new Date(), ['slack.test']);
    await enqueue(1, () => 'card:job:0');
    const later = new Date(Date.now() + 60_000);
    await queue.deferMany?.(claimed.map((row) => ({ row, availableAt: later, reason: 'paced' })));
    const [first, second] = await rows();
    expect(first).toMatchObject({ state: 'done', lastError: 'superseded by a newer delivery' });
    expect(second).toMatchObject({ state: 'pending', attempts: 0, lastError: 'paced' });
  });

  it("groups the worker's defers under a burst: fewer statements than rows, every row put off", async () => {
    await enqueue(20);
    const real = outboxQueue(database().db);
    const groups: number[] = [];
    let single = 0;
    const queue: OutboxQueue = {
      ...real,
      defer: (...args) => {
        single += 1;
        return real.defer(...args);
      },
      deferMany: (items) => {
        groups.push(items.length);
        return real.deferMany?.(items) ?? Promise.resolve();
      },
    };
    const worker = new OutboxWorker({
      queue,
      handlers: {
        'slack.test': async () => {
          throw new DeliveryDeferred(60_000, 'channel:C1 is paced');
        },
      },
      logger: pino({ level: 'silent' }),
      batch: 20,
      laneOf: (row) => String(row.id),
    });
    await worker.drain();
    expect(single).toBe(0);
    expect(groups.reduce((a, b) => a + b, 0)).toBe(20);
    expect(groups.length).toBeLessThan(20);
    const after = await rows();
    expect(after.every((row) => row.state === 'pending' && row.attempts === 0)).toBe(true);
  });
});
