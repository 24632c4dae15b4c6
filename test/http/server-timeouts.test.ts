import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TIMEOUTS } from '../../src/http/server-timeouts.ts';
import { type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';

// Issue 12, item 8: a client that trickles its request must not hold a connection for Node's
// default 300 s. The app runs with the timeouts shortened (same code path, smaller numbers).

const SHORT = {
  headersTimeout: 600,
  requestTimeout: 1200,
  keepAliveTimeout: 300,
  connectionsCheckingInterval: 100,
};

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp({}, { serverTimeouts: SHORT });
});
afterAll(() => t.close());

/** Opens a connection and resolves how long it lived and what the server said, if anything. */
function trickle(
  first: string,
  drip: string,
  everyMs: number,
): Promise<{ ms: number; sinceAnswer: number; said: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let said = '';
    let answeredAt: number | undefined;
    const socket: Socket = connect(t.app.port, '127.0.0.1', () => socket.write(first));
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(drip);
    }, everyMs);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error('the connection was still open after 8 s'));
    }, 8000);
    socket.on('data', (chunk) => {
      answeredAt ??= Date.now();
      said += String(chunk);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const now = Date.now();
      resolve({ ms: now - started, sinceAnswer: now - (answeredAt ?? now), said });
    });
  });
}

describe('slow clients', () => {
  it('headers that trickle in are cut off at the headers timeout', async () => {
    const { ms } = await trickle('POST /intake/events HTTP/1.1\r\nHost: x\r\nX-Slow: ', 'a', 100);
    expect(ms).toBeLessThan(SHORT.headersTimeout + 2500);
  });

  it('a body that trickles in is cut off at the request timeout', async () => {
    const { ms, said } = await trickle(
      'POST /intake/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ' ',
      100,
    );
    expect(ms).toBeLessThan(SHORT.requestTimeout + 2500);
    expect(said).toMatch(/^HTTP\/1\.1 408/);
  });

  it('an idle kept-alive connection is closed after the keep-alive timeout', async () => {
    const { sinceAnswer, said } = await trickle(
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      '',
      10_000,
    );
    expect(said).toMatch(/^HTTP\/1\.1 200/);
    // Node closes an idle socket about a second after keepAliveTimeout (its own buffer).
    expect(sinceAnswer).toBeLessThan(SHORT.keepAliveTimeout + 2500);
  });

  it('the defaults suit Slack (3 s to answer) and a 256 KiB intake body', () => {
    expect(SERVER_TIMEOUTS).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 15_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1_000,
    });
  });
});
