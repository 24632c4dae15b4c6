import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DataDirLock } from './embedded/data-dir-lock.ts';
import type { EmbeddedLog, EmbeddedServer } from './embedded/server.ts';
import { preparedForDrizzle } from './prepared-statements.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The Drizzle database; repositories only see this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  /** The embedded server jobdesk runs, when DATABASE_URL is unset. */
  embedded: EmbeddedServer | undefined;
  /** Cheap round trip used by /healthz. */
  ping(): Promise<void>;
  /** Runs `fn` while holding a session advisory lock, so that replicas sharing one Postgres take turns. */
  withExclusiveLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** Closes the pool, then stops the embedded server (if this opened one). */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without it jobdesk runs an embedded PostgreSQL in `dataDir`. */
  url?: string | undefined;
  /** DATA_DIR of the embedded database. */
  dataDir?: string | undefined;
  /** Connections of the postgres.js pool. */
  maxConnections?: number;
  log?: EmbeddedLog | undefined;
  /** How long releasing an exclusive lock may take (tests shorten it). */
  unlockTimeoutMs?: number;
}

const EMBEDDED_IDLE_SECONDS = 10;
// postgres.js uses its open connections in turn, so a poll every second keeps them all from
// idling: a connection is also replaced after a minute, and the pool shrinks to what is used.
const EMBEDDED_LIFETIME_SECONDS = 60;
/** How long releasing the migration lock may take before the session is given up on. */
export const UNLOCK_TIMEOUT_MS = 5_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const max = options.maxConnections ?? 10;
  const unlockTimeoutMs = options.unlockTimeoutMs ?? UNLOCK_TIMEOUT_MS;
  if (options.url) return connect(options.url, { max }, undefined, undefined, unlockTimeoutMs);
  if (!options.dataDir) throw new Error('openDatabase needs a url or a dataDir');
  // Loaded only for the embedded server: a jobdesk on DATABASE_URL never holds its code.
  const [{ lockDataDir }, { startEmbeddedPostgres }] = await Promise.all([
    import('./embedded/data-dir-lock.ts'),
    import('./embedded/server.ts'),
  ]);
  const lock = lockDataDir(options.dataDir);
  try {
    const server = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
    // Every connection is a server process with memory of its own: on the embedded server, which
    // shares the machine with jobdesk, idle ones are closed after a while.
    return connect(
      server.url,
      { max, idle_timeout: EMBEDDED_IDLE_SECONDS, max_lifetime: EMBEDDED_LIFETIME_SECONDS },
      server,
      lock,
      unlockTimeoutMs,
    );
  } catch (error) {
    lock.release();
    throw error;
  }
}

function connect(
  url: string,
  pool: { max: number; idle_timeout?: number; max_lifetime?: number },
  embedded: EmbeddedServer | undefined,
  lock: DataDirLock | undefined,
  unlockTimeoutMs: number,
): Database {
  const client = postgres(url, {
    ...pool,
    onnotice: () => {},
    // Surfaces a dead server as an error instead of a hang, so callers can retry.
    connect_timeout: 10,
    // After a restart, reconnect within 2 s. The driver's default waits up to 20 s, because
    // every failed attempt during the outage (all connections together) grows the delay.
    backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2) * (0.5 + Math.random() / 2),
  });
  const db = drizzle({ client: preparedForDrizzle(client), schema }) as unknown as Db;
  return {
    db,
    embedded,
    ping: async () => {
      await client`select 1`;
    },
    withExclusiveLock: async (key, fn) => {
      const session = await client.reserve();
      try {
        await session`select pg_advisory_lock(${key})`;
        return await fn();
      } finally {
        // A session whose server restarted can hang here instead of failing: give up on it after
        // a while rather than hang the start (a lost session has lost its lock anyway). Such a
        // session is not handed back to the pool, where the next query would hang on it too.
        const unlocked = await withTimeout(
          session`select pg_advisory_unlock(${key})`,
          unlockTimeoutMs,
        ).then(
          () => true,
          () => false,
        );
        if (unlocked) session.release();
      }
    },
    async close() {
      await client.end({ timeout: 5 });
      await embedded?.stop();
      lock?.release();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
