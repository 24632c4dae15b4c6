import type { Logger } from '../logger.ts';
import type { OutboxQueue, OutboxRow } from '../services/ports.ts';
import { backoffMs, MAX_ATTEMPTS } from './backoff.ts';
import { DeliveryError, type DeliveryOutcome } from './outcome.ts';

export type DeliveryHandler = (row: OutboxRow) => Promise<DeliveryOutcome>;

export interface WorkerOptions {
  queue: OutboxQueue;
  handlers: Record<string, DeliveryHandler>;
  logger: Logger;
  now?: () => Date;
  /** How often to look for work when nothing woke the worker (other replicas' rows, retries). */
  pollMs?: number;
  batch?: number;
  leaseMs?: number;
}

/**
 * Delivers outbox rows after their transaction committed: claims a batch, runs each row's
 * handler in order, settles it (done, retry with backoff, or dead), and sleeps until woken or
 * the next poll.
 */
export class OutboxWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly now: () => Date;

  constructor(private readonly options: WorkerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after every commit: deliver now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops taking work and waits for the delivery in flight to settle. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Delivers everything due now, then returns (tests and the sandbox use it). */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return delivered;
      for (const row of rows) await this.deliver(row);
      delivered += rows.length;
    }
  }

  private claim(): Promise<OutboxRow[]> {
    const { batch = 20, leaseMs = 60_000 } = this.options;
    return this.options.queue.claim(batch, leaseMs, this.now(), Object.keys(this.options.handlers));
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let rows: OutboxRow[] = [];
      try {
        rows = await this.claim();
        for (const row of rows) {
          await this.deliver(row);
          if (!this.running) break;
        }
      } catch (error) {
        this.options.logger.error({ err: error }, 'outbox worker could not reach the database');
      }
      if (rows.length === 0 && !this.woken && this.running) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs ?? 1000);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { queue, handlers, logger } = this.options;
    const handler = handlers[row.topic];
    const log = logger.child({ outboxId: row.id, topic: row.topic, attempt: row.attempts });
    if (!handler) {
      await queue.bury(row.id, `no handler for topic ${row.topic}`);
      log.error('outbox row has no handler');
      return;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await handler(row);
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(String((error as Error).message ?? error), false);
      if (failure.permanent || row.attempts >= MAX_ATTEMPTS) {
        await queue.bury(row.id, failure.message);
        log.error({ error: failure.message }, 'delivery failed for good');
      } else {
        const delay = failure.retryAfterMs ?? backoffMs(row.attempts);
        await queue.retry(row.id, new Date(this.now().getTime() + delay), failure.message);
        log.warn({ error: failure.message, retryInMs: delay }, 'delivery failed; will retry');
      }
      return;
    }
    if (outcome.kind === 'done') {
      await queue.complete(row.id, this.now());
    } else {
      await queue.retry(row.id, new Date(this.now().getTime() + outcome.ms), outcome.reason);
    }
  }
}
