// Slack's per-channel posting limit, on demand: "1 message per second per channel", answered with
// HTTP 429, `error: ratelimited` and a Retry-After header (whole seconds) beyond it. Off unless a
// test or benchmark turns it on, so the rest of the fake answers as fast as it is asked.

import type { JsonObject } from './types.ts';

export interface ChannelRateLimitOptions {
  /** Messages per second per channel; Slack allows about 1. */
  perSecond?: number;
  /**
   * Messages a quiet channel takes at once. Default 1: strictly one a second, the harshest reading
   * of Slack's documented limit (Slack itself grants short bursts).
   */
  burst?: number;
  /** Methods limited per channel (their `channel` argument is the key). */
  methods?: string[];
}

/**
 * A token bucket per channel, kept in its GCRA form: one "theoretical arrival time" per channel.
 * A call may go at `tat - tolerance`; each accepted call moves `tat` one interval on. A refused
 * call uses nothing up, as with Slack.
 */
export class ChannelRateLimit {
  readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly methods: Set<string>;
  private readonly tat = new Map<string, number>();

  constructor(options: ChannelRateLimitOptions = {}) {
    const perSecond = options.perSecond ?? 1;
    if (!(perSecond > 0)) throw new Error('fake Slack: perSecond must be above 0');
    const burst = Math.max(1, Math.floor(options.burst ?? 1));
    this.intervalMs = 1000 / perSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
    this.methods = new Set(options.methods ?? ['chat.postMessage']);
  }

  /**
   * Whether a call of `method` with `args` arriving at `now` (ms) is within the limit: undefined
   * when it is (and it counts), else the Retry-After to send, in whole seconds (at least 1).
   */
  check(method: string, args: JsonObject, now: number): number | undefined {
    if (!this.methods.has(method) || typeof args.channel !== 'string') return undefined;
    const key = args.channel;
    const tat = Math.max(this.tat.get(key) ?? now, now);
    const allowedAt = tat - this.toleranceMs;
    if (now < allowedAt) return Math.max(1, Math.ceil((allowedAt - now) / 1000));
    this.tat.set(key, tat + this.intervalMs);
    return undefined;
  }

  /** Forgets every channel's recent posts. */
  reset(): void {
    this.tat.clear();
  }
}
