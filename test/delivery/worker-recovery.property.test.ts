// Issue 17's property: whatever a delivery target does for a while — 5xx, refused connections,
// 429 with Retry-After, handlers that wait, rows put off by the pacer, a worker stopped and
// started — once it answers again, every row is delivered within a bounded time. The real
// worker, circuit, pacer and paced Slack client run on fake timers over an in-memory queue.

import fc from 'fast-check';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/delivery/backoff.ts';
import {
  DeliveryDeferred,
  DeliveryError,
  type DeliveryOutcome,
} from '../../src/delivery/outcome.ts';
import { pacedSlack } from '../../src/delivery/paced-slack.ts';
import { Pacer } from '../../src/delivery/pacer.ts';
import type { SlackApi } from '../../src/delivery/slack-api.ts';
import { OutboxWorker } from '../../src/delivery/worker.ts';
import type { OutboxRow } from '../../src/services/ports.ts';
import { MemoryQueue } from './memory-queue.ts';

type Step =
  | { kind: '5xx' | 'refused' | 'stop' }
  | { kind: '429'; retryAfterS: number }
  | { kind: 'deferred' | 'wait'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>({ kind: '5xx' }, { kind: 'refused' }, { kind: 'stop' }),
  fc.integer({ min: 1, max: 10 }).map((retryAfterS): Step => ({ kind: '429', retryAfterS })),
  fc
    .record({
      kind: fc.constantFrom('deferred' as const, 'wait' as const),
      ms: fc.integer({ min: 0, max: 5000 }),
    })
    .map((s): Step => s),
);
const failing = (s: Step) => s.kind === '5xx' || s.kind === 'refused';

/** Longest a row may still wait once the target is back: a capped backoff, a cool-down, pacing. */
const boundMs = (rows: number) => 300_000 + 30_000 + 60_000 + rows * 1100 + 30_000;

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

async function run(script: Step[], rows: number, channels: number) {
  const queue = new MemoryQueue();
  queue.add(rows, 'slack.post');
  const pacer = new Pacer();
  const steps = [...script];
  let upAt = steps.length === 0 ? Date.now() : undefined;
  let current: Step | undefined;
  let restarting: Promise<void> | undefined;

  const slack: SlackApi = {
    async post(channel) {
      const now = current;
      if (now?.kind === '5xx')
        throw new DeliveryError('http_500', false, { outage: true, code: 'http_500' });
      if (now?.kind === 'refused') {
        throw new DeliveryError('connect ECONNREFUSED', false, {
          outage: true,
          code: 'ECONNREFUSED',
        });
      }
      if (now?.kind === '429') {
        throw new DeliveryError('ratelimited', false, {
          retryAfterMs: now.retryAfterS * 1000,
          code: 'ratelimited',
        });
      }
      return { channel, ts: String(Date.now()) };
    },
    findPosted: async () => [],
    update: async () => true,
    openDm: async (userId) => `D${userId}`,
    publishHome: async () => {},
    person: async (userId) => ({
      userId,
      teamId: 'T1',
      isBot: false,
      deleted: false,
      guest: false,
    }),
  };

  let worker: OutboxWorker;
  const handler = async (row: OutboxRow): Promise<DeliveryOutcome> => {
    current = steps.shift();
    if (steps.length === 0 && upAt === undefined) upAt = Date.now();
    if (current?.kind === 'wait') return { kind: 'wait', ms: current.ms, reason: 'scripted' };
    if (current?.kind === 'deferred') throw new DeliveryDeferred(current.ms, 'scripted');
    if (current?.kind === 'stop') {
      // A stop while this row is in flight (a deploy): the loop ends, then the worker starts again.
      restarting ??= worker.stop().then(() => {
        restarting = undefined;
        worker.start();
      });
      throw new DeliveryDeferred(0, 'stopping');
    }
    const channel = `C${Number(row.payload.i) % channels}`;
    await pacedSlack(slack, pacer, String(row.id)).post(channel, { text: 'x', blocks: [] });
    return { kind: 'done' };
  };
  worker = new OutboxWorker({
    queue,
    handlers: { 'slack.post': handler },
    logger: pino({ level: 'silent' }),
    laneOf: (row) => `C${Number(row.payload.i) % channels}`,
  });
  worker.start();
  const start = Date.now();
  let doneAt: number | undefined;
  // Hours of fake time at most: a stall never ends, the bound below catches it long before.
  while (Date.now() - start < 4 * 3_600_000) {
    await vi.advanceTimersByTimeAsync(500);
    if (queue.count('done') + queue.count('dead') === rows) {
      doneAt = Date.now();
      break;
    }
  }
  await restarting;
  const stopping = worker.stop();
  await vi.advanceTimersByTimeAsync(1000);
  await stopping;
  return { queue, upAt, doneAt };
}

describe('the outbox worker after a target misbehaved', () => {
  it('delivers every row within a bounded time of the target answering again', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 24 }).filter((s) => s.filter(failing).length < MAX_ATTEMPTS),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        async (script, rows, channels) => {
          const { queue, upAt, doneAt } = await run(script, rows, channels);
          expect(upAt, 'the target was asked often enough to come back').toBeDefined();
          expect(doneAt, 'every row settled').toBeDefined();
          expect(queue.count('dead')).toBe(0);
          expect(queue.count('done')).toBe(rows);
          expect((doneAt ?? 0) - (upAt ?? 0)).toBeLessThanOrEqual(boundMs(rows));
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
