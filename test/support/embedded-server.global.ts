import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embedded/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres:// URL of the server the test files make their databases on. */
    testServerUrl: string;
  }
}

/**
 * vitest globalSetup: without TEST_DATABASE_URL, one embedded PostgreSQL for the whole run (the
 * same server jobdesk runs when DATABASE_URL is unset), in a temporary DATA_DIR removed after.
 * Each test file makes a database of its own on it (test/support/test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('testServerUrl', given);
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'jobdesk-test-pg-'));
  // As root the server runs as the user postgres, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  let server: EmbeddedServer;
  try {
    // Test files run side by side, each with pools of its own (and apps it spawns).
    server = await startEmbeddedPostgres({ dataDir, maxConnections: 300 });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('testServerUrl', server.urlFor('postgres'));
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
