/**
 * Notices that a delivery target (Slack, the outbound webhook) is down as a whole, so the worker
 * stops spending attempts on it: after `threshold` outage failures in a row the circuit opens,
 * nothing of that target is claimed for a cool-down, then a single row probes. A probe that gets
 * through closes the circuit and everything waiting goes at once; one that fails doubles the
 * cool-down (up to `maxMs`). Rows parked meanwhile keep their attempts, so a long outage buries
 * nothing and recovery does not wait for each row's backoff to run out.
 *
 * A probe in flight is a fact with an owner (the outbox row carrying it) and an expiry, not a
 * flag: whatever way its row ends — answered, failed, put off by the pacer, given back at stop —
 * the worker ends the probe with `endProbe(row)`, and a probe nobody ended lapses on its own
 * after `probeTtlMs`. So no path can leave the target waiting on a probe that is not in flight.
 */
export interface CircuitOptions {
  threshold?: number;
  baseMs?: number;
  maxMs?: number;
  /** How long a probe may be in flight before it counts as lost (default: 60 s). */
  probeTtlMs?: number;
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'probing';

interface Probe {
  /** The outbox row carrying it, once claimed. */
  owner: number | undefined;
  expiresAt: number;
}

export class Circuit {
  private failures = 0;
  private openUntil = 0;
  private coolDownMs: number;
  private probe: Probe | undefined;
  private readonly threshold: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly probeTtlMs: number;
  private readonly now: () => number;

  constructor(options: CircuitOptions = {}) {
    this.threshold = options.threshold ?? 5;
    this.baseMs = options.baseMs ?? 1000;
    this.maxMs = options.maxMs ?? 30_000;
    this.probeTtlMs = options.probeTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.coolDownMs = this.baseMs;
  }

  get state(): CircuitState {
    if (this.failures < this.threshold) return 'closed';
    return this.probeInFlight() ? 'probing' : 'open';
  }

  /**
   * How many rows of this target to claim now, at most `batch`: all while closed, one (the probe)
   * once an open circuit cooled down, none otherwise. After a 1, tell the circuit which row
   * carries the probe (`probeCarriedBy`), or that none was claimed (`endProbe()`).
   */
  allowance(batch: number): number {
    if (this.failures < this.threshold) return batch;
    if (this.probeInFlight() || this.now() < this.openUntil) return 0;
    this.probe = { owner: undefined, expiresAt: this.now() + this.probeTtlMs };
    return 1;
  }

  /** The row `rowId` was claimed to carry the probe that `allowance` let through. */
  probeCarriedBy(rowId: number): void {
    if (this.probe && this.probe.owner === undefined) this.probe.owner = rowId;
  }

  /**
   * The probe carried by `rowId` is over without telling whether the target is up (it was put off,
   * given back, or found no handler); without a row: the claim found nothing to probe with. The
   * next claim may probe again. A row that carries no probe changes nothing.
   */
  endProbe(rowId?: number): void {
    if (!this.probe) return;
    if (rowId === undefined ? this.probe.owner === undefined : this.probe.owner === rowId) {
      this.probe = undefined;
    }
  }

  /** The target answered (even with an error of its own, such as invalid_blocks): it is up. */
  succeeded(): void {
    this.failures = 0;
    this.probe = undefined;
    this.coolDownMs = this.baseMs;
  }

  /** The target could not be reached or answered 5xx. Returns whether the circuit is now open. */
  failed(): boolean {
    const wasProbe = this.probeInFlight();
    this.probe = undefined;
    this.failures += 1;
    if (this.failures < this.threshold) return false;
    if (wasProbe) this.coolDownMs = Math.min(this.maxMs, this.coolDownMs * 2);
    this.openUntil = this.now() + this.coolDownMs;
    return true;
  }

  /**
   * When the next probe may go (ms since epoch): an open circuit's end of cool-down, or when the
   * probe in flight lapses; undefined while closed.
   */
  reopensAt(): number | undefined {
    if (this.failures < this.threshold) return undefined;
    return this.probeInFlight() ? this.probe?.expiresAt : this.openUntil;
  }

  private probeInFlight(): boolean {
    if (this.probe && this.now() >= this.probe.expiresAt) this.probe = undefined;
    return this.probe !== undefined;
  }
}
