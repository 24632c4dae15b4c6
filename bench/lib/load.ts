import { Agent, request } from 'node:http';

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
  /** Set when the request is sent: wall-clock ms (to match it with the fake's call log). */
  sentAt?: number;
}

export interface BurstResult {
  /** Milliseconds from sending each request to the end of its response. */
  latencies: number[];
  /** Responses that were not 200 (status 0: no response). */
  failures: number;
}

/**
 * Sends requests to one URL, a burst at a time (every request of a burst at once, each on a
 * connection of its own) or in a closed loop; each request's latency runs from the moment it was
 * written to the last byte of its response.
 */
export class Loader {
  private readonly agent: Agent;
  private readonly target: URL;

  /**
   * `keepAlive: false` opens a connection per request; kept alive, connections idle for more than
   * the server's keep-alive timeout (5 s in Node) are closed by it and opened again on demand.
   */
  constructor(url: string, maxSockets: number, options: { keepAlive?: boolean } = {}) {
    this.target = new URL(url);
    this.agent = new Agent({ keepAlive: options.keepAlive ?? true, maxSockets });
  }

  /** Every request at once. */
  async burst(requests: PreparedRequest[]): Promise<BurstResult> {
    const result: BurstResult = { latencies: [], failures: 0 };
    await Promise.all(requests.map((prepared) => this.send(prepared, result)));
    return result;
  }

  /**
   * Closed loop, for throughput: `concurrency` senders, each sending its next request as soon as
   * the previous one is answered, until the requests are used up. Resolves with the seconds taken.
   */
  async closedLoop(
    requests: PreparedRequest[],
    concurrency: number,
    expectedStatus = 200,
  ): Promise<BurstResult & { seconds: number }> {
    const result: BurstResult = { latencies: [], failures: 0 };
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < requests.length; i = next++) {
          await this.send(requests[i] as PreparedRequest, result, expectedStatus);
        }
      }),
    );
    return { ...result, seconds: (performance.now() - started) / 1000 };
  }

  private send(prepared: PreparedRequest, into: BurstResult, expected = 200): Promise<void> {
    const { latencies } = into;
    return new Promise<void>((resolve) => {
      const started = performance.now();
      prepared.sentAt = Date.now();
      const req = request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: 'POST',
          headers: {
            ...prepared.headers,
            'Content-Length': Buffer.byteLength(prepared.body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== expected) into.failures += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        into.failures += 1;
        resolve();
      });
      req.end(prepared.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
