import type { Logger } from '../logger.ts';
import type { ClaimedRow, OutboxQueue, OutboxRow } from '../services/ports.ts';
import { backoffMs, MAX_ATTEMPTS, retryWrite } from './backoff.ts';
import { Circuit, type CircuitOptions, type CircuitState } from './circuit.ts';
import { groupedDefersOf } from './grouped-defers.ts';
import { DeliveryDeferred, DeliveryError, type DeliveryOutcome } from './outcome.ts';

export type DeliveryHandler = (row: OutboxRow) => Promise<DeliveryOutcome>;

export type DeliveryResult = 'done' | 'retry' | 'wait' | 'dead';

/** What the worker reports as it goes (metrics). */
export interface DeliveryObserver {
  settled(topic: string, result: DeliveryResult, seconds: number): void;
  failed(topic: string, code: string): void;
  /** Each target's circuit, as the worker last looked at it. */
  circuit(target: string, state: CircuitState): void;
}

/** What the watchdog found: whether rows wait past their time while nothing gets delivered. */
export interface DeliveryWatch {
  stuck: boolean;
  /** For people: how long the longest-due row has waited, and what the worker is waiting for. */
  detail: string;
  /** How long the row due longest has been due (0 when none is). */
  overdueMs: number;
}

export interface WorkerOptions {
  queue: OutboxQueue;
  handlers: Record<string, DeliveryHandler>;
  logger: Logger;
  now?: () => Date;
  /** How often to look for work when nothing woke the worker (other replicas' rows, retries). */
  pollMs?: number;
  batch?: number;
  /** How long a claim holds a row; renewed while the row is worked on. */
  leaseMs?: number;
  /** Lanes delivered at once; rows of one lane go one after another, in order. */
  concurrency?: number;
  /** Which rows must keep their order (a person's DMs, a thread's posts); default: the topic. */
  laneOf?: (row: OutboxRow) => string;
  /** Per-target circuit settings (the target is the topic's first segment: slack, webhook). */
  circuit?: CircuitOptions;
  /**
   * Errors that say our own database is away for now (a restart): the row waits a moment
   * without spending an attempt, since it did nothing wrong.
   */
  isUnavailable?: (error: unknown) => boolean;
  observer?: DeliveryObserver;
  /**
   * Delivery counts as stuck when a row has been due this long while the worker delivered
   * nothing for as long (default 60 s): /healthz then says so, and the log says it once.
   */
  stuckAfterMs?: number;
  /**
   * Resolves when a delivery may go on: in a process that also answers Slack, once the requests
   * it has read are answered (a delivery's Slack call and Block Kit would delay their acks).
   */
  giveWay?: () => Promise<void>;
}

/** How long a row waits when the database was away while it was being delivered. */
const DATABASE_WAIT_MS = 1000;

/** How long after its last sign of life a running worker counts as stalled. */
const STALL_MS = 120_000;

/**
 * Delivers outbox rows after their transaction committed: claims a batch, delivers its lanes
 * side by side (each lane in order), settles each row (done, retry with backoff, wait, or dead),
 * and sleeps until woken by a commit, until the next row it put off comes due, or the next poll.
 */
export class OutboxWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly now: () => Date;
  private readonly circuits = new Map<string, Circuit>();
  /** Claimed and not settled: their leases are renewed until they are. */
  private readonly claimed = new Map<number, ClaimedRow>();
  /** Rows put off until later, written a group at a time (a burst into a paced channel). */
  private readonly defers: ReturnType<typeof groupedDefersOf>;
  private heartbeat: NodeJS.Timeout | undefined;
  private nextDueAt: number | undefined;
  private lastProgressAt = Date.now();
  /** When a row was last delivered (wall clock): what the watchdog measures a stall from. */
  private lastDeliveredAt = Date.now();
  private watchdog: NodeJS.Timeout | undefined;
  private reportedStuck = false;
  private lastError: string | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.now = options.now ?? (() => new Date());
    this.defers = groupedDefersOf(options.queue);
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 30_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastProgressAt = Date.now();
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(50, this.leaseMs / 3));
    this.heartbeat.unref();
    this.lastDeliveredAt = Date.now();
    this.watchdog = setInterval(
      () => void this.watchAndReport(),
      Math.min(10_000, this.stuckAfterMs / 2),
    );
    this.watchdog.unref();
    this.loop = this.run();
  }

  private get stuckAfterMs(): number {
    return this.options.stuckAfterMs ?? 60_000;
  }

  /**
   * Whether delivery is stuck: a row due for longer than `stuckAfterMs` while nothing was
   * delivered for as long. Rows put off until later (paced, backing off) are not due yet.
   */
  async watch(): Promise<DeliveryWatch> {
    const now = Date.now();
    const depth = await this.options.queue.depth(new Date(now));
    const overdueMs = depth.overdueMs ?? 0;
    const quietMs = now - this.lastDeliveredAt;
    const stuck = overdueMs > this.stuckAfterMs && quietMs > this.stuckAfterMs;
    const waitingFor = [...this.circuits]
      .filter(([, c]) => c.state !== 'closed')
      .map(([target, c]) => `${target} ${c.state}`);
    const detail = stuck
      ? `${depth.pending} rows waiting, one due for ${Math.round(overdueMs / 1000)} s, nothing delivered for ${Math.round(quietMs / 1000)} s${waitingFor.length ? ` (circuit: ${waitingFor.join(', ')})` : ''}`
      : 'delivering';
    return { stuck, detail, overdueMs };
  }

  /** Says once in the log when delivery got stuck, and once when it resumed. */
  private async watchAndReport(): Promise<void> {
    let watch: DeliveryWatch;
    try {
      watch = await this.watch();
    } catch {
      return; // the database is away: the delivery loop reports that
    }
    if (watch.stuck && !this.reportedStuck) {
      this.reportedStuck = true;
      this.options.logger.error({ detail: watch.detail }, 'outbox delivery is stuck');
    } else if (!watch.stuck && this.reportedStuck) {
      this.reportedStuck = false;
      this.options.logger.info('outbox delivery resumed');
    }
  }

  /** Called after every commit: deliver now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops taking work, lets the deliveries in flight finish, and gives back what it claimed. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    clearInterval(this.heartbeat);
    clearInterval(this.watchdog);
  }

  /** Whether the loop runs and has shown a sign of life lately (for /healthz). */
  health(): { ok: boolean; detail: string } {
    if (!this.running) return { ok: false, detail: 'stopped' };
    const quietMs = Date.now() - this.lastProgressAt;
    if (quietMs > STALL_MS) {
      return { ok: false, detail: `no progress for ${Math.round(quietMs / 1000)} s` };
    }
    const open = [...this.circuits].filter(([, c]) => c.state !== 'closed').map(([t]) => t);
    return {
      ok: true,
      detail: open.length ? `running; waiting for ${open.join(', ')} to come back` : 'running',
    };
  }

  /** The last error the loop itself hit (the database, usually), for logs and health. */
  get loopError(): string | undefined {
    return this.lastError;
  }

  /** Delivers everything due now, then returns (tests and the sandbox use it). */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return delivered;
      await this.deliverBatch(rows, () => true);
      delivered += rows.length;
    }
  }

  private circuitOf(topic: string): Circuit {
    const target = topic.split('.')[0] ?? topic;
    let circuit = this.circuits.get(target);
    if (!circuit) {
      circuit = new Circuit(this.options.circuit);
      this.circuits.set(target, circuit);
    }
    return circuit;
  }

  /** Claims per target, as much as each target's circuit allows. */
  private async claim(): Promise<OutboxRow[]> {
    const { queue, batch = 20 } = this.options;
    const byTarget = new Map<Circuit, string[]>();
    for (const topic of Object.keys(this.options.handlers)) {
      const circuit = this.circuitOf(topic);
      byTarget.set(circuit, [...(byTarget.get(circuit) ?? []), topic]);
    }
    const rows: OutboxRow[] = [];
    let failure: unknown;
    for (const [target, circuit] of this.circuits)
      this.options.observer?.circuit(target, circuit.state);
    for (const [circuit, topics] of byTarget) {
      const allowance = circuit.allowance(batch);
      if (allowance === 0) continue;
      let claimed: OutboxRow[] = [];
      try {
        claimed = await queue.claim(allowance, this.leaseMs, this.now(), topics);
      } catch (error) {
        failure = error;
      }
      if (circuit.state === 'probing') {
        const [probe] = claimed;
        if (probe) circuit.probeCarriedBy(probe.id);
        else circuit.endProbe();
      }
      for (const row of claimed) this.claimed.set(row.id, row);
      rows.push(...claimed);
    }
    // Rows claimed before a later claim failed are delivered all the same (their leases are
    // renewed while they are held, so dropping them would hold them forever).
    if (rows.length === 0 && failure) throw failure;
    return rows;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      this.lastProgressAt = Date.now();
      let rows: OutboxRow[] = [];
      try {
        rows = await this.claim();
        if (rows.length) await this.deliverBatch(rows, () => this.running);
        this.lastError = undefined;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.options.logger.error(
          { error: this.lastError },
          'outbox worker could not reach the database',
        );
      }
      if (rows.length === 0 && !this.woken && this.running) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    const poll = this.options.pollMs ?? 1000;
    const now = Date.now();
    // Wake for the earliest row this worker put off, or for an open circuit's next probe.
    const dues = [this.nextDueAt, ...[...this.circuits.values()].map((c) => c.reopensAt())]
      .filter((t): t is number => t !== undefined && t > now)
      .map((t) => t - now);
    const ms = Math.max(5, Math.min(poll, ...dues));
    if (this.nextDueAt !== undefined && this.nextDueAt <= now + ms) this.nextDueAt = undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
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

  /** Lanes side by side, each lane's rows in order; rows not started when `go` turns false go back. */
  private async deliverBatch(rows: OutboxRow[], go: () => boolean): Promise<void> {
    const laneOf = this.options.laneOf ?? ((row: OutboxRow) => row.topic);
    const lanes = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const lane = laneOf(row);
      lanes.set(lane, [...(lanes.get(lane) ?? []), row]);
    }
    const queue = [...lanes.values()];
    const runLane = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const row of lane) {
          try {
            await this.options.giveWay?.();
            if (go()) await this.deliver(row);
            else await this.giveBack(row, 'worker stopping');
          } finally {
            // Answered or failed, the probe was settled with the circuit; any other end (put off
            // by the pacer, given back, no handler, an error settling it) ends it here.
            this.circuitOf(row.topic).endProbe(row.id);
          }
        }
      }
    };
    const concurrency = Math.max(1, this.options.concurrency ?? 4);
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, runLane));
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { handlers, logger, observer } = this.options;
    const handler = handlers[row.topic];
    const log = logger.child({ outboxId: row.id, topic: row.topic, attempt: row.attempts });
    const circuit = this.circuitOf(row.topic);
    if (circuit.state === 'open') {
      // The target went down while this row waited in the batch: park it, attempt unspent.
      return this.settle(row, 'wait', 0, () =>
        this.options.queue.defer(row, this.now(), 'waiting for the target to come back'),
      );
    }
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    if (!handler) {
      log.error('outbox row has no handler');
      return this.settle(row, 'dead', 0, () =>
        this.options.queue.bury(row, `no handler for topic ${row.topic}`, this.now()),
      );
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await handler(row);
    } catch (error) {
      if (error instanceof DeliveryDeferred) {
        return this.later(row, error.ms, error.reason, seconds());
      }
      if (this.options.isUnavailable?.(error)) {
        log.warn({ error: (error as Error).message }, 'database unavailable; delivery waits');
        return this.later(row, DATABASE_WAIT_MS, 'waiting for the database', seconds());
      }
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(String((error as Error)?.message ?? error), false, {
              code: 'error',
            });
      observer?.failed(row.topic, failure.code);
      if (failure.retryAfterMs !== undefined) {
        // Rate limited: the target is up and asked us to wait, which is not a failed attempt.
        circuit.succeeded();
        log.warn({ error: failure.message, retryInMs: failure.retryAfterMs }, 'rate limited');
        return this.later(row, failure.retryAfterMs, failure.message, seconds());
      }
      if (failure.outage && circuit.failed()) {
        log.warn({ error: failure.message }, 'target unreachable; parking its deliveries');
        return this.later(row, 0, `waiting for the target to come back: ${failure.message}`, 0);
      }
      if (!failure.outage) circuit.succeeded();
      if (failure.permanent || row.attempts >= MAX_ATTEMPTS) {
        log.error({ error: failure.message }, 'delivery failed for good');
        return this.settle(row, 'dead', seconds(), () =>
          this.options.queue.bury(row, failure.message, this.now()),
        );
      }
      const delay = backoffMs(row.attempts);
      log.warn({ error: failure.message, retryInMs: delay }, 'delivery failed; will retry');
      this.dueIn(delay);
      return this.settle(row, 'retry', seconds(), () =>
        this.options.queue.retry(row, new Date(this.now().getTime() + delay), failure.message),
      );
    }
    if (outcome.kind === 'done') {
      circuit.succeeded();
      return this.settle(row, 'done', seconds(), () =>
        this.options.queue.complete(row, this.now()),
      );
    }
    return this.later(row, outcome.ms, outcome.reason, seconds());
  }

  private later(row: OutboxRow, ms: number, reason: string, seconds: number): Promise<void> {
    this.dueIn(ms);
    const availableAt = new Date(this.now().getTime() + ms);
    const { defers } = this;
    return this.settle(row, 'wait', seconds, () =>
      ms > 0 && defers
        ? defers.defer({ row, availableAt, reason })
        : this.options.queue.defer(row, availableAt, reason),
    );
  }

  private giveBack(row: OutboxRow, reason: string): Promise<void> {
    return this.settle(row, 'wait', 0, () => this.options.queue.defer(row, this.now(), reason));
  }

  private dueIn(ms: number): void {
    const at = Date.now() + ms;
    if (this.nextDueAt === undefined || at < this.nextDueAt) this.nextDueAt = at;
  }

  /**
   * Records how a row ended. What Slack already did must not be done again because the database
   * blinked (a restart, a failover): the write is retried for up to half a lease, after which
   * the lease runs out and the row is delivered again, which is the best left to do.
   */
  private async settle(
    row: OutboxRow,
    result: DeliveryResult,
    seconds: number,
    write: () => Promise<void>,
  ): Promise<void> {
    try {
      await retryWrite(write, Date.now() + this.leaseMs / 2);
    } catch (error) {
      this.options.logger.error(
        { outboxId: row.id, error: (error as Error).message },
        'could not record a delivery; it will be retried when its lease runs out',
      );
      this.claimed.delete(row.id);
      return;
    }
    this.claimed.delete(row.id);
    this.lastProgressAt = Date.now();
    if (result === 'done') this.lastDeliveredAt = this.lastProgressAt;
    this.options.observer?.settled(row.topic, result, seconds);
  }

  private async renewLeases(): Promise<void> {
    if (this.claimed.size === 0) return;
    try {
      await this.options.queue.extend(
        [...this.claimed.keys()],
        new Date(this.now().getTime() + this.leaseMs),
      );
    } catch {
      // The database is away; the delivery loop reports it. An expired lease only re-delivers.
    }
  }
}
