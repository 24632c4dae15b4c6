/**
 * Notices that a delivery target (Slack, the outbound webhook) is down as a whole, so the worker
 * stops spending attempts on it: after `threshold` outage failures in a row the circuit opens,
 * nothing of that target is claimed for a cool-down, then a single row probes. A probe that gets
 * through closes the circuit and everything waiting goes at once; one that fails doubles the
 * cool-down (up to `maxMs`). Rows parked meanwhile keep their attempts, so a long outage buries
 * nothing and recovery does not wait for each row's backoff to run out.
 */
export interface CircuitOptions {
  threshold?: number;
  baseMs?: number;
  maxMs?: number;
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'probing';

export class Circuit {
  private failures = 0;
  private openUntil = 0;
  private coolDownMs: number;
  private probing = false;
  private readonly threshold: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly now: () => number;

  constructor(options: CircuitOptions = {}) {
    this.threshold = options.threshold ?? 5;
    this.baseMs = options.baseMs ?? 1000;
    this.maxMs = options.maxMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.coolDownMs = this.baseMs;
  }

  get state(): CircuitState {
    if (this.failures < this.threshold) return 'closed';
    return this.probing ? 'probing' : 'open';
  }

  /**
   * How many rows of this target to claim now, at most `batch`: all while closed, one (the probe)
   * once an open circuit cooled down, none otherwise.
   */
  allowance(batch: number): number {
    if (this.failures < this.threshold) return batch;
    if (this.probing || this.now() < this.openUntil) return 0;
    this.probing = true;
    return 1;
  }

  /** The probe found nothing to deliver: the next claim may probe again. */
  cancelProbe(): void {
    this.probing = false;
  }

  /** The target answered (even with an error of its own, such as invalid_blocks): it is up. */
  succeeded(): void {
    this.failures = 0;
    this.probing = false;
    this.coolDownMs = this.baseMs;
  }

  /** The target could not be reached or answered 5xx. Returns whether the circuit is now open. */
  failed(): boolean {
    const wasProbe = this.probing;
    this.probing = false;
    this.failures += 1;
    if (this.failures < this.threshold) return false;
    if (wasProbe) this.coolDownMs = Math.min(this.maxMs, this.coolDownMs * 2);
    this.openUntil = this.now() + this.coolDownMs;
    return true;
  }

  /** When an open circuit lets the next probe through (ms since epoch), else undefined. */
  reopensAt(): number | undefined {
    return this.failures >= this.threshold && !this.probing ? this.openUntil : undefined;
  }
}
