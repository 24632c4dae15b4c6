import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A migrated, empty database for one test file, on the run's server: the embedded PostgreSQL
 * started once for the run (test/support/embedded-server.global.ts), or the Postgres server named
 * by TEST_DATABASE_URL (CI sets it). Dropped afterwards.
 */
export interface TestDatabase extends Database {
  /** The postgres:// URL of this database. */
  url: string;
}

/** The server the test files make their databases on. */
export function testServerUrl(): string {
  return inject('testServerUrl');
}

/** `serverUrl`: another server than the run's (the fault tests run one of their own). */
export async function createTestDatabase(serverUrl = testServerUrl()): Promise<TestDatabase> {
  const name = `jobdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ url });
  await migrate(database);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
