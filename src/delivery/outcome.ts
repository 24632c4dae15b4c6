/** How a delivery attempt ended, as the worker needs to know it. */
export type DeliveryOutcome =
  | { kind: 'done' }
  /** Not yet possible (the card it threads under is not posted yet): try again soon, no failure. */
  | { kind: 'wait'; ms: number; reason: string };

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    /** Retrying cannot help (invalid blocks, revoked token): give up at once. */
    readonly permanent: boolean,
    /** What the far side asked for (Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
