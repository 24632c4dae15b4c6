import type { Server } from 'node:http';

/**
 * How long work that can wait gives way to requests still waiting for their answer. Past it the
 * work goes on anyway, so steady traffic delays it by this much at most and never starves it.
 */
export const GIVE_WAY_MS = 500;

/**
 * The requests a server has read and not yet answered. Slack's clock is on them (an ack within
 * 3 seconds), while the work a request leaves behind — the listener's queries and Block Kit after
 * its ack, the deliveries it enqueued — is not; but in one Node process both share the event loop,
 * and when 50 people click at once the first clicks' work would run between the later clicks'
 * acks. So that work first waits here until every request read so far has its answer.
 */
export class UnansweredRequests {
  #count = 0;
  readonly #waiting = new Set<() => void>();
  #checking = false;

  /** Counts the server's requests from the moment their headers are read to their response's end. */
  watch(server: Server): void {
    server.prependListener('request', (_request, response) => {
      this.#count += 1;
      response.once('close', () => {
        this.#count -= 1;
        if (this.#count === 0) this.#releaseWhenStillQuiet();
      });
    });
  }

  get count(): number {
    return this.#count;
  }

  /**
   * Resolves once no request waits for its answer, after the event loop has read what already
   * arrived (a burst's later requests come in a turn after its first ones), or after `GIVE_WAY_MS`.
   */
  answered(maxWaitMs = GIVE_WAY_MS): Promise<void> {
    return new Promise((resolve) => {
      const go = () => {
        this.#waiting.delete(go);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(go, maxWaitMs);
      this.#waiting.add(go);
      if (this.#count === 0) this.#releaseWhenStillQuiet();
    });
  }

  #releaseWhenStillQuiet(): void {
    if (this.#checking) return;
    this.#checking = true;
    setImmediate(() => {
      this.#checking = false;
      if (this.#count > 0) return;
      for (const go of [...this.#waiting]) go();
    });
  }
}
