import { pino } from 'pino';
import { type Jobdesk, startJobdesk } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { postSignedIntake } from '../../src/http/intake/signed-post.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const INTAKE_SECRET = 'test-intake-secret-0123456789';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    databaseUrl: undefined,
    dataDir: '/nonexistent-test-data-dir',
    slack: undefined,
    jobsChannel: undefined,
    admins: [],
    intakeSecret: INTAKE_SECRET,
    outboundWebhook: undefined,
    // Far away: tests run the sweep themselves with a controlled clock.
    schedulerTick: '0 0 1 1 *',
    digest: { hour: 9, timeZone: 'UTC' },
    outboxLeaseMs: 30_000,
    logLevel: 'warn',
    role: 'all',
    ...overrides,
  };
}

export interface TestApp extends Jobdesk {
  testDatabase: TestDatabase;
  clock: { now: Date };
  /** POSTs a body to the intake API, signed as a feeder would, on real time (or as told). */
  sendIntake(
    body: unknown,
    options?: { secret?: string; timestamp?: number; raw?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The real app on a free port, over a fresh test database, with a clock the test controls. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const clock = { now: new Date() };
  const app = await startJobdesk(testConfig(overrides), {
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
    database: testDatabase,
    // The clock stands still here: Home refreshes go out at once rather than after a delay.
    homeRefreshDelayMs: 0,
  });
  return {
    ...app,
    testDatabase,
    clock,
    async sendIntake(body, options = {}) {
      const raw = options.raw ?? JSON.stringify(body);
      const response = await postSignedIntake(
        `${app.url}/intake/events`,
        options.secret ?? INTAKE_SECRET,
        raw,
        { timestampSeconds: options.timestamp },
      );
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {} };
    },
    async close() {
      await app.stop();
      await testDatabase.close();
    },
  };
}
