/** How a delivery attempt ended, as the worker needs to know it. */
export type DeliveryOutcome =
  | { kind: 'done' }
  /**
   * Not yet possible (the card it threads under is not posted yet, the channel's next slot is
   * later): try again after `ms`. Not a failure: it does not count as an attempt.
   */
  | { kind: 'wait'; ms: number; reason: string };

export interface DeliveryErrorOptions {
  /** What the far side asked for (Retry-After), in ms: a wait, not a failure. */
  retryAfterMs?: number | undefined;
  /** The far side is down or unreachable (5xx, network): counts towards opening the circuit. */
  outage?: boolean;
  /** Slack's error code or `http_<status>`, for metrics. */
  code?: string;
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly retryAfterMs: number | undefined;
  readonly outage: boolean;
  readonly code: string;

  constructor(
    message: string,
    /** Retrying cannot help (invalid blocks, revoked token): give up at once. */
    readonly permanent: boolean,
    options: DeliveryErrorOptions = {},
  ) {
    super(message);
    this.retryAfterMs = options.retryAfterMs;
    this.outage = options.outage ?? false;
    this.code = options.code ?? message;
  }
}

/** Thrown by a handler that must wait (a paced channel): the row goes back without an attempt. */
export class DeliveryDeferred extends Error {
  override readonly name = 'DeliveryDeferred';
  constructor(
    readonly ms: number,
    readonly reason: string,
  ) {
    super(`deferred ${ms} ms: ${reason}`);
  }
}
