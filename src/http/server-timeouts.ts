/**
 * Timeouts of jobdesk's one HTTP server (Slack events, the intake API, health). Node's defaults
 * let a client that trickles its request hold a connection for 300 s; Slack gives up on an
 * answer after 3 s and retries, and an intake request is at most 256 KiB, so neither needs more
 * than a few seconds to send a whole request.
 */
export interface ServerTimeouts {
  /** Time to receive the request's headers. */
  headersTimeout: number;
  /** Time to receive the whole request, headers and body. */
  requestTimeout: number;
  /** How long an idle kept-alive connection waits for its next request. */
  keepAliveTimeout: number;
  /** How often Node checks the two above (its default, 30 s, would let them overrun). */
  connectionsCheckingInterval: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeout: 10_000,
  requestTimeout: 15_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
