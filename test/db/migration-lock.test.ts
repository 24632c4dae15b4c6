// The migration lock's release has a time limit: a session whose unlock is never answered (as
// after a server restart, reproduced with the patched driver) must not hang jobdesk's start.
// Here a proxy between jobdesk and the test's server swallows the unlock, so it never arrives.

import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const UNLOCK = Buffer.from('pg_advisory_unlock');

/** Forwards TCP to `target`, except that from the first unlock on, nothing the client sends passes. */
async function unlockSwallowingProxy(target: URL): Promise<{ url: string; close(): void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let swallowing = false;
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes(UNLOCK)) swallowing = true;
      if (!swallowing) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

describe('the migration lock', () => {
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof unlockSwallowingProxy>>;
  let throughProxy: Database;
  const limitMs = 800;

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await unlockSwallowingProxy(new URL(database.url));
    throughProxy = await openDatabase({ url: proxy.url, unlockTimeoutMs: limitMs });
  });

  afterAll(async () => {
    proxy?.close();
    await throughProxy?.close().catch(() => {});
    await database?.close();
  });

  it('gives up on an unlock that is never answered, and the start goes on', async () => {
    const started = performance.now();
    await migrate(throughProxy);
    const tookMs = performance.now() - started;
    // It waited for the unlock (so the proxy did swallow it), then stopped waiting at the limit.
    expect(tookMs).toBeGreaterThanOrEqual(limitMs - 50);
    expect(tookMs).toBeLessThan(limitMs + 5_000);
    // The hung session was not handed back to the pool: the next queries run on fresh ones.
    const [row] = (await throughProxy.db.execute(sql`select 1 as one`)) as unknown as unknown[];
    expect(row).toEqual({ one: 1 });
  });

  it('returns what the locked work returned, however the unlock ends', async () => {
    const result = await throughProxy.withExclusiveLock(7_244_299, async () => 'migrated');
    expect(result).toBe('migrated');
  });
});
