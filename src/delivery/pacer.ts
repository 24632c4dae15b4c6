/**
 * Paces Slack calls per key (`channel:C123` for posts, `method:chat.update` for pauses only).
 *
 * Slack allows about one message per second per channel, with short bursts; a burst of new jobs
 * must not turn into a storm of 429s. Each channel gets a token bucket, kept in its GCRA form (one
 * "theoretical arrival time" per key): a send may go at `tat - tolerance`, and each send moves
 * `tat` one interval on. A reservation is handed out at once, so a row that has to wait can be
 * put back in the outbox until its slot and find the slot still its own when it returns.
 *
 * This one keeps the pace in memory, for one process (the unit and property tests). The app
 * keeps it in Postgres (src/db/channel-pace.ts), so every replica together posts at the rate.
 */

/** A value, or a promise of it: the in-memory pacer answers at once, the shared one after a query. */
type Awaitable<T> = T | Promise<T>;

/** What delivery asks of a pacer; see `Pacer` for the meaning of each call. */
export interface ChannelPacer {
  take(key: string, holder: string, maxWaitMs: number): Awaitable<number>;
  release(holder: string): Awaitable<void>;
  pause(key: string, ms: number): Awaitable<void>;
  pausedFor(key: string): Awaitable<number>;
  backlogMs(key: string): Awaitable<number>;
  /**
   * Called when a send that took its slot is about to go: how much longer it must wait so that
   * it goes an interval after the send before it really went (that one may have been late).
   * The in-memory pacer slides its slots instead (see `slip`) and has none.
   */
  sending?(key: string): Awaitable<number>;
  /**
   * Called when Slack answered a send: the send reached Slack before this moment, so counting
   * it from now keeps the next arrival an interval after it, whatever the network's jitter.
   */
  sent?(key: string): Awaitable<void>;
}

export interface PacerOptions {
  /** Sends per second per key (default: just under Slack's 1 per channel, see below). */
  perSecond?: number;
  /** How many sends may go at once after a quiet spell. */
  burst?: number;
  now?: () => number;
}

interface Held {
  key: string;
  at: number;
  /** The key's slip when the slot was handed out (see `slip`). */
  slip: number;
}

/**
 * Slack counts a channel's posts as they arrive, and arrivals jitter by a few milliseconds: sent
 * exactly a second apart, every other post would land a hair inside the second and get a 429.
 * Posts go 5% under the limit instead (bench/delivery.ts measures both sides of this).
 */
export const DEFAULT_PER_SECOND = 0.95;

/** A reservation nobody came back for within this long is forgotten (the row went elsewhere). */
export const HOLD_TTL_MS = 60_000;

export class Pacer implements ChannelPacer {
  readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly now: () => number;
  private readonly tat = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly held = new Map<string, Held>();
  /**
   * How far each key's schedule has slid: a holder that comes back after its slot (the worker was
   * busy, the database slow) sends late, and every slot after it moves as much, so the sends after
   * it still arrive an interval apart. Without it, a late send and an on-time one could reach
   * Slack milliseconds apart — a 429 once the channel's burst is spent.
   */
  private readonly slip = new Map<string, number>();

  constructor(options: PacerOptions = {}) {
    const perSecond = options.perSecond ?? DEFAULT_PER_SECOND;
    const burst = Math.max(1, Math.floor(options.burst ?? 3));
    this.intervalMs = 1000 / perSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
    this.now = options.now ?? Date.now;
  }

  /**
   * Takes the next slot of `key` and returns how many ms until it (0 = send now). When that is
   * at most `maxWaitMs`, the slot is the caller's: wait that long, then send. When it is longer,
   * the slot is kept for `holder` (an outbox row), who should come back after that long: the
   * same call then returns the kept slot instead of queueing the holder again at the end.
   */
  take(key: string, holder: string, maxWaitMs: number): number {
    const now = this.now();
    const held = this.held.get(holder);
    if (held) {
      this.held.delete(holder);
      if (held.key === key) {
        const at = this.slotOf(held);
        if (now > at) this.slide(key, now - at);
        const wait = Math.max(0, at - now);
        if (wait > maxWaitMs) this.held.set(holder, held);
        return wait;
      }
    }
    const at = this.nextSlot(key, now);
    this.tat.set(key, Math.max(this.tat.get(key) ?? at, at) + this.intervalMs);
    const wait = at - now;
    if (wait > maxWaitMs) {
      this.prune(now);
      this.held.set(holder, { key, at, slip: this.slip.get(key) ?? 0 });
    }
    return wait;
  }

  /** A held slot as it stands now: moved by however far its key slid since it was handed out. */
  private slotOf(held: Held): number {
    return held.at + (this.slip.get(held.key) ?? 0) - held.slip;
  }

  private slide(key: string, ms: number): void {
    this.slip.set(key, (this.slip.get(key) ?? 0) + ms);
    this.tat.set(key, (this.tat.get(key) ?? 0) + ms);
  }

  /** Drops what `holder` reserved (it was delivered another way, or gave up). */
  release(holder: string): void {
    this.held.delete(holder);
  }

  /** Slack said Retry-After: nothing goes to `key` before then, and no burst right after. */
  pause(key: string, ms: number): void {
    const until = this.now() + ms;
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, until));
    this.tat.set(key, Math.max(this.tat.get(key) ?? 0, until + this.toleranceMs));
    // Slots handed out before the pause are void: their holders reserve again when they return.
    for (const [holder, held] of this.held) {
      if (held.key === key && this.slotOf(held) < until) this.held.delete(holder);
    }
  }

  /** How long `key` is paused for (0 when it is not). */
  pausedFor(key: string): number {
    return Math.max(0, (this.pausedUntil.get(key) ?? 0) - this.now());
  }

  /** How long a new send to `key` would wait now, without reserving anything. */
  backlogMs(key: string): number {
    const now = this.now();
    return this.nextSlot(key, now) - now;
  }

  /** The earliest moment a send to `key` may go. */
  private nextSlot(key: string, now: number): number {
    const start = Math.max(now, this.pausedUntil.get(key) ?? 0);
    const tat = Math.max(this.tat.get(key) ?? start, start);
    return Math.max(start, tat - this.toleranceMs);
  }

  private prune(now: number): void {
    if (this.held.size < 1000) return;
    for (const [holder, held] of this.held) {
      if (this.slotOf(held) + HOLD_TTL_MS < now) this.held.delete(holder);
    }
  }
}
