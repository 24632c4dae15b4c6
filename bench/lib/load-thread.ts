import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type BurstResult, Loader, type PreparedRequest } from './load.ts';

/**
 * A Loader on a thread of its own. The benchmark process also serves the fake Slack, and the
 * calls jobdesk makes to it after an ack would otherwise hold up the loader's event loop: the
 * acks jobdesk sent on time would be read late, and counted against jobdesk alone (the bare app
 * calls nobody). On its own thread the loader reads each ack when it arrives.
 */
export class ThreadedLoader {
  private readonly worker: Worker;
  private next = 0;
  private readonly pending = new Map<number, (reply: BurstReply) => void>();

  constructor(url: string, maxSockets: number, options: { keepAlive?: boolean } = {}) {
    this.worker = new Worker(new URL('./thread-entry.mjs', import.meta.url), {
      workerData: { module: import.meta.url, url, maxSockets, options },
    });
    this.worker.on('message', (reply: BurstReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  /** As Loader.burst; each request's `sentAt` is set as the thread sent it. */
  burst(requests: PreparedRequest[]): Promise<BurstResult> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => {
        reply.sentAt.forEach((at, i) => {
          const request = requests[i];
          if (request) request.sentAt = at;
        });
        resolve(reply.result);
      });
      this.worker.postMessage({ id, requests } satisfies BurstAsk);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

interface BurstAsk {
  id: number;
  requests: PreparedRequest[];
}

interface BurstReply {
  id: number;
  result: BurstResult;
  sentAt: (number | undefined)[];
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { url, maxSockets, options } = workerData as {
    url: string;
    maxSockets: number;
    options: { keepAlive?: boolean };
  };
  const loader = new Loader(url, maxSockets, options);
  port.on('message', async ({ id, requests }: BurstAsk) => {
    const result = await loader.burst(requests);
    port.postMessage({ id, result, sentAt: requests.map((r) => r.sentAt) } satisfies BurstReply);
  });
}
