import type { Server, ServerResponse } from 'node:http';

/**
 * How long work that can wait gives way to requests still waiting for their answer. Past it the
 * work goes on anyway, so steady traffic delays it by this much at most and never starves it.
 */
export const GIVE_WAY_MS = 500;

/**
 * How long the server must have read no new request before the work goes on: a burst's requests
 * arrive over a few milliseconds (each on its connection), and the first can be answered before
 * the last has arrived.
 */
export const QUIET_MS = 10;

/**
 * The requests a server has read and not yet answered. Slack's clock is on them (an ack within
 * 3 seconds), while the work a request leaves behind — the listener's queries and Block Kit after
 * its ack, the deliveries it enqueued — is not; but in one Node process both share the event loop,
 * and when 50 people click at once the first clicks' work would run between the later clicks'
 * acks. So that work first waits here until every request read so far has its answer.
 */
export class UnansweredRequests {
  #count = 0;
  #lastArrival = Number.NEGATIVE_INFINITY;
  readonly #waiting = new Set<() => void>();
  #checking = false;

  /**
   * Counts the server's requests from the moment their headers are read until their answer
   * starts (its head is written; Bolt's ack writes head and body at once) or the client goes
   * away. Not until the response ends: a stream (the sandbox page's server-sent events) stays
   * open for as long as the page, and is answered when it starts.
   */
  watch(server: Server): void {
    server.prependListener('request', (_request, response) => {
      this.#count += 1;
      this.#lastArrival = performance.now();
      let answered = false;
      const done = () => {
        if (answered) return;
        answered = true;
        this.#count -= 1;
        if (this.#count === 0) this.#releaseWhenStillQuiet();
      };
      // Every way a head goes out passes through writeHead (end() and write() call it too).
      const writeHead = response.writeHead;
      response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        done();
        return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
      } as typeof response.writeHead;
      response.once('close', done);
    });
  }

  get count(): number {
    return this.#count;
  }

  /**
   * Resolves once no request waits for its answer and none arrived for `QUIET_MS` (a burst's later
   * requests come a little after its first ones), or after `GIVE_WAY_MS`.
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
    const check = () => {
      if (this.#count > 0) {
        this.#checking = false;
        return;
      }
      const quietFor = performance.now() - this.#lastArrival;
      if (quietFor < QUIET_MS) {
        setTimeout(check, QUIET_MS - quietFor);
        return;
      }
      this.#checking = false;
      for (const go of [...this.#waiting]) go();
    };
    // After the event loop has read the I/O already waiting: a request that has arrived counts.
    setImmediate(check);
  }
}
