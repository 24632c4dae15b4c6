import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UnansweredRequests } from '../../src/http/unanswered.ts';

// A server whose handler holds each response until the test answers it, watched by one counter.
async function heldServer() {
  const held: ServerResponse[] = [];
  const server = createServer((_request, response) => {
    held.push(response);
  });
  const unanswered = new UnansweredRequests();
  unanswered.watch(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const request = () => fetch(url).then((res) => res.text());
  const untilHeld = async (n: number) => {
    while (held.length < n) await new Promise((r) => setTimeout(r, 5));
  };
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, held, unanswered, request, untilHeld, close };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Whether `promise` has settled after `ms` of waiting. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((r) => setTimeout(r, ms));
  return settled;
}

describe('work that gives way to requests waiting for their answer', () => {
  it('goes on at once when no request waits', async () => {
    const server = await heldServer();
    close = server.close;
    expect(server.unanswered.count).toBe(0);
    await expect(settledWithin(server.unanswered.answered(60_000), 50)).resolves.toBe(true);
  });

  it('waits until every request read so far has its answer', async () => {
    const server = await heldServer();
    close = server.close;
    const answers = [server.request(), server.request()];
    await server.untilHeld(2);
    expect(server.unanswered.count).toBe(2);

    const wait = server.unanswered.answered(60_000);
    server.held[0]?.end('one');
    await expect(settledWithin(wait, 100)).resolves.toBe(false);
    server.held[1]?.end('two');
    await expect(Promise.all(answers)).resolves.toEqual(['one', 'two']);
    await expect(settledWithin(wait, 100)).resolves.toBe(true);
    expect(server.unanswered.count).toBe(0);
  });

  it('counts a request whose client went away as answered', async () => {
    const server = await heldServer();
    close = server.close;
    const controller = new AbortController();
    const gone = fetch(server.url, { signal: controller.signal }).catch(() => 'aborted');
    await server.untilHeld(1);
    const wait = server.unanswered.answered(60_000);
    controller.abort();
    await expect(gone).resolves.toBe('aborted');
    await expect(settledWithin(wait, 200)).resolves.toBe(true);
  });

  it('counts a stream as answered once it has started (a sandbox page stays open for hours)', async () => {
    const server = await heldServer();
    close = server.close;
    const controller = new AbortController();
    const stream = fetch(server.url, { signal: controller.signal });
    await server.untilHeld(1);
    expect(server.unanswered.count).toBe(1);
    server.held[0]?.writeHead(200, { 'content-type': 'text/event-stream' });
    server.held[0]?.write('event: change\ndata: 1\n\n');
    expect(server.unanswered.count).toBe(0);
    await expect(settledWithin(server.unanswered.answered(60_000), 100)).resolves.toBe(true);
    controller.abort();
    await stream.catch(() => {});
  });

  it('counts an answer whose head end() writes by itself', async () => {
    const server = await heldServer();
    close = server.close;
    const answer = server.request();
    await server.untilHeld(1);
    server.held[0]?.end('ok');
    expect(server.unanswered.count).toBe(0);
    await expect(answer).resolves.toBe('ok');
  });

  it('gives way for a bounded time only, so steady traffic cannot starve the work', async () => {
    const server = await heldServer();
    close = server.close;
    void server.request().catch(() => {});
    await server.untilHeld(1);
    await expect(settledWithin(server.unanswered.answered(50), 1000)).resolves.toBe(true);
    expect(server.unanswered.count).toBe(1);
  });
});
