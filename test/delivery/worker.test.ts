// The outbox worker against the real queue (on the run's Postgres): what
// counts as an attempt, how an unreachable target is parked, and what a stop leaves behind.

import { asc } from 'drizzle-orm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { outboxQueue } from '../../src/db/outbox-queue.ts';
import { outbox } from '../../src/db/schema.ts';
import { DeliveryDeferred, DeliveryError } from '../../src/delivery/outcome.ts';
import { type DeliveryHandler, OutboxWorker } from '../../src/delivery/worker.ts';
import type { OutboxRow } from '../../src/services/ports.ts';
import { useOutboxDatabase } from './support.ts';

const database = useOutboxDatabase();

const logger = pino({ level: 'silent' });

async function enqueue(n: number, topic = 'slack.test', coalesceKey?: (i: number) => string) {
  await database()
    .db.insert(outbox)
    .values(
      Array.from({ length: n }, (_, i) => ({
        workspaceId: 'T1',
        topic,
        payload: { i },
        coalesceKey: coalesceKey?.(i) ?? null,
        // As the outbox repository does: due by the app's clock (the database's now() is
        // finer-grained, so a row written this millisecond would not be due yet).
        availableAt: new Date(Date.now() - 1),
      })),
    );
}

const rows = () => database().db.select().from(outbox).orderBy(asc(outbox.id));

function worker(
  handler: DeliveryHandler,
  extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {},
) {
  return new OutboxWorker({
    queue: outboxQueue(database().db),
    handlers: { 'slack.test': handler },
    logger,
    ...extra,
  });
}

describe('OutboxWorker', () => {
  it('delivers each row once and marks it done', async () => {
    await enqueue(5);
    const seen: unknown[] = [];
    const w = worker(async (row) => {
      seen.push(row.payload.i);
      return { kind: 'done' };
    });
    expect(await w.drain()).toBe(5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect((await rows()).map((r) => [r.state, r.attempts])).toEqual(
      Array.from({ length: 5 }, () => ['done', 1]),
    );
  });

  it('delivers only once giveWay lets it (requests waiting for their ack go first)', async () => {
    await enqueue(2);
    let letGo: () => void = () => {};
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const seen: unknown[] = [];
    const w = worker(
      async (row) => {
        seen.push(row.payload.i);
        return { kind: 'done' };
      },
      { giveWay: () => gate },
    );
    const drained = w.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([]);
    letGo();
    expect(await drained).toBe(2);
    expect(seen).toEqual([0, 1]);
  });

  it('a wait (pacing, a card not posted yet) is not an attempt', async () => {
    await enqueue(1);
    const w = worker(async () => {
      throw new DeliveryDeferred(60_000, 'channel:C1 is paced');
    });
    await w.drain();
    await w.drain();
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'pending', attempts: 0, lastError: 'channel:C1 is paced' });
    expect(row?.availableAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("Slack's Retry-After is a wait of that length, not a failure", async () => {
    await enqueue(1);
    const w = worker(async () => {
      throw new DeliveryError('rate_limited', false, { retryAfterMs: 30_000 });
    });
    await w.drain();
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    expect(row?.availableAt.getTime()).toBeGreaterThan(Date.now() + 25_000);
  });

  it('retries a failure with backoff, and buries a permanent one at once', async () => {
    await enqueue(2);
    const w = worker(async (row) => {
      throw new DeliveryError(
        row.payload.i === 0 ? 'http_400ish' : 'invalid_blocks',
        row.payload.i === 1,
      );
    });
    await w.drain();
    const [first, second] = await rows();
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastError: 'http_400ish' });
    expect(first?.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(second).toMatchObject({ state: 'dead', lastError: 'invalid_blocks' });
    expect(second?.deadAt).toBeInstanceOf(Date);
  });

  it('parks the rows of a target that is down, keeping their attempts, then probes one', async () => {
    await enqueue(6);
    let calls = 0;
    const w = worker(
      async () => {
        calls += 1;
        throw new DeliveryError('http_503', false, { outage: true });
      },
      { circuit: { threshold: 2, baseMs: 60_000 } },
    );
    await w.drain();
    // Two failures open the circuit; the other four rows are not even tried.
    expect(calls).toBe(2);
    const states = (await rows()).map((r) => [r.state, r.attempts]);
    expect(states).toEqual([
      ['pending', 1],
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
    ]);
    // While open, nothing of that target is claimed.
    expect(await w.drain()).toBe(0);
  });

  it('a database blip in a handler waits without spending an attempt', async () => {
    await enqueue(1);
    const w = worker(
      async () => {
        throw Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
      },
      { isUnavailable: (e) => (e as { code?: string }).code === 'CONNECTION_CLOSED' },
    );
    await w.drain();
    expect((await rows())[0]).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('a row re-claimed after its lease ran out is not settled by the worker that lost it', async () => {
    await enqueue(1);
    const queue = outboxQueue(database().db);
    const [stale] = await queue.claim(1, 1, new Date(), ['slack.test']);
    // Its lease (1 ms) runs out: another worker claims it again.
    const [fresh] = await queue.claim(1, 60_000, new Date(Date.now() + 10), ['slack.test']);
    expect(fresh?.attempts).toBe(2);
    await queue.complete(stale as OutboxRow, new Date());
    expect((await rows())[0]).toMatchObject({ state: 'in_flight', attempts: 2 });
    await queue.complete(fresh as OutboxRow, new Date());
    expect((await rows())[0]).toMatchObject({ state: 'done' });
  });

  it('does not hand a card to a second worker while the first is posting it', async () => {
    const queue = outboxQueue(database().db);
    await enqueue(1, 'slack.test', () => 'card:job:1');
    const [posting] = await queue.claim(10, 60_000, new Date(), ['slack.test']);
    // A change while it is being posted: a newer row for the same card.
    await enqueue(1, 'slack.test', () => 'card:job:1');
    expect(await queue.claim(10, 60_000, new Date(), ['slack.test'])).toEqual([]);
    await queue.complete(posting as OutboxRow, new Date());
    expect(await queue.claim(10, 60_000, new Date(), ['slack.test'])).toHaveLength(1);
  });

  it('stops after the deliveries in flight, and gives back the rows it had not started', async () => {
    await enqueue(6);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const w = worker(
      async () => {
        started += 1;
        await gate;
        return { kind: 'done' };
      },
      { concurrency: 1, laneOf: () => 'one lane', pollMs: 10 },
    );
    w.start();
    await expect.poll(() => started, { timeout: 5000 }).toBe(1);
    const stopping = w.stop();
    release();
    await stopping;
    const states = (await rows()).map((r) => r.state);
    expect(states.filter((s) => s === 'done')).toHaveLength(1);
    expect(states.filter((s) => s === 'pending')).toHaveLength(5);
    expect(states).not.toContain('in_flight');
    expect(w.health()).toEqual({ ok: false, detail: 'stopped' });
  });
  it('ends a probe the pacer put off, so the next one goes (the stall of issue 17)', async () => {
    await enqueue(3);
    let slackUp = false;
    let calls = 0;
    const w = worker(
      async () => {
        calls += 1;
        if (!slackUp) throw new DeliveryError('http_500', false, { outage: true });
        // Up again, but the channel has no slot soon: the probe never reaches Slack.
        if (calls === 3) throw new DeliveryDeferred(1, 'channel:C1 is paced');
        return { kind: 'done' };
      },
      { circuit: { threshold: 2, baseMs: 20, maxMs: 20 }, concurrency: 1 },
    );
    await w.drain(); // two failures open the circuit
    slackUp = true;
    const deadline = Date.now() + 5000;
    while ((await rows()).some((r) => r.state !== 'done') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await w.drain();
    }
    expect((await rows()).map((r) => r.state)).toEqual(['done', 'done', 'done']);
  });

  it('says on watch() and once in the log when rows wait past their time with nothing delivered, and when it resumes', async () => {
    await enqueue(2);
    const lines: { msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const said = (msg: string) => lines.filter((l) => l.msg === msg).length;
    let up = false;
    const w = worker(
      async () => {
        if (!up) throw new DeliveryError('http_500', false, { outage: true });
        return { kind: 'done' };
      },
      { logger, pollMs: 10, stuckAfterMs: 100, circuit: { threshold: 1, baseMs: 30, maxMs: 30 } },
    );
    w.start();
    try {
      await expect.poll(async () => (await w.watch()).stuck, { timeout: 5000 }).toBe(true);
      expect((await w.watch()).detail).toMatch(
        /2 rows waiting, one due for \d+ s, nothing delivered/,
      );
      await expect.poll(() => said('outbox delivery is stuck'), { timeout: 5000 }).toBe(1);
      up = true;
      await expect.poll(() => said('outbox delivery resumed'), { timeout: 5000 }).toBe(1);
      expect((await w.watch()).stuck).toBe(false);
      expect((await rows()).map((r) => r.state)).toEqual(['done', 'done']);
      expect(said('outbox delivery is stuck')).toBe(1);
    } finally {
      await w.stop();
    }
  });
});
