import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

/** The local Postgres the benchmarks create their databases on (trust auth, user postgres). */
export const SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Databases this run created: an interrupted run (Ctrl-C) drops them before it exits.
const live = new Set<BenchDatabase>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: dropping ${live.size} benchmark database(s)`);
    void Promise.allSettled([...live].map((db) => db.drop())).then(() => process.exit(130));
  });
}

/** A fresh database with jobdesk's migrations applied; `drop()` removes it. */
export async function createDatabase(label: string): Promise<BenchDatabase> {
  const name = `jobdesk_bench_${label}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(SERVER_URL, name);
  const migrating = await openDatabase({ url, maxConnections: 2 });
  try {
    await migrate(migrating);
  } finally {
    await migrating.close();
  }
  const database: BenchDatabase = {
    name,
    url,
    async drop() {
      live.delete(database);
      const cleanup = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
  live.add(database);
  return database;
}

/** Fails early, with the command to fix it, when the local Postgres is not there. */
export async function checkServer(): Promise<string> {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await admin`select version() as version`;
    return String(row?.version ?? '').split(',')[0] ?? '';
  } catch (error) {
    throw new Error(
      `cannot reach Postgres at ${SERVER_URL} (${(error as Error).message}); start it or set BENCH_DATABASE_URL`,
    );
  } finally {
    await admin.end();
  }
}
