import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type Jobdesk, type StartOptions, startJobdesk } from '../../src/app.ts';
import { testConfig } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export interface SandboxApp {
  app: Jobdesk;
  database: TestDatabase;
  /** POSTs `body` as JSON to one of the sandbox page's endpoints; the answer's status and JSON. */
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * jobdesk without Slack credentials (so it serves the sandbox) on a database of its own, for
 * the file's tests: started before them, stopped after. `options` add to the start options.
 */
export function useSandboxApp(options: Partial<StartOptions> = {}): SandboxApp {
  const t = {
    async post(path: string, body: unknown) {
      const response = await fetch(`${t.app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  } as SandboxApp;
  beforeAll(async () => {
    t.database = await createTestDatabase();
    t.app = await startJobdesk(testConfig(), {
      logger: pino({ level: 'silent' }),
      database: t.database,
      // The clock stands still here: Home refreshes go out at once rather than after a delay.
      homeRefreshDelayMs: 0,
      pollMs: 50,
      pacing: { perSecond: 10_000, burst: 10_000 },
      ...options,
    });
  });
  afterAll(async () => {
    await t.app?.stop();
    await t.database?.close();
  });
  return t;
}
