import { FakeSlack } from '@jobdesk/fake-slack';
import { SlackClient } from '@jobdesk/fake-slack/client';
import { count, inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type Jobdesk, type StartOptions, startJobdesk } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { outbox } from '../../src/db/schema.ts';
import { postSignedIntake } from '../../src/http/intake/signed-post.ts';
import { INTAKE_SECRET, testConfig } from './test-app.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const SIGNING_SECRET = 'test-signing-secret-abcdef';
export const JOBS_CHANNEL = 'C0JOBS';
export const ADMIN = 'U0ADMIN';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';

export interface SlackTestApp {
  app: Jobdesk;
  slack: FakeSlack;
  /** Acts as any person of the fake workspace: commands, clicks, modals. */
  client: SlackClient;
  clock: { now: Date };
  /** Sends a signed intake event and waits until the outbox has delivered what it caused. */
  intake(body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Waits until the outbox has delivered everything it holds. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * jobdesk's test config for a fake Slack: its token and API URL, the test signing secret, the
 * jobs channel and ADMIN as the one admin; `overrides` on top.
 */
export function slackTestConfig(slack: FakeSlack, overrides: Partial<Config> = {}): Config {
  return testConfig({
    slack: {
      botToken: slack.botToken,
      signingSecret: SIGNING_SECRET,
      appToken: undefined,
      apiUrl: slack.apiUrl,
    },
    jobsChannel: JOBS_CHANNEL,
    admins: [ADMIN],
    ...overrides,
  });
}

/**
 * The real jobdesk (Bolt over HTTP, real database, real outbox worker) talking to a fake Slack,
 * with a jobs channel and three people: an admin, Alice and Bob.
 */
export async function startSlackTestApp(
  overrides: Partial<Config> = {},
  options: Partial<StartOptions> = {},
  where: { serverUrl?: string } = {},
): Promise<SlackTestApp> {
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  slack.addUser({ id: ADMIN, name: 'ada' });
  slack.addUser({ id: ALICE, name: 'alice' });
  slack.addUser({ id: BOB, name: 'bob' });
  const database: TestDatabase = await createTestDatabase(where.serverUrl);
  const clock = { now: new Date() };
  const app = await startJobdesk(
    slackTestConfig(slack, {
      ...overrides,
    }),
    {
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      now: () => clock.now,
      database,
      // The clock stands still here: Home refreshes go out at once rather than after a delay.
      homeRefreshDelayMs: 0,
      pollMs: 50,
      // The fake Slack does not rate-limit, so posts are not paced here; delivery tests that
      // are about pacing set it themselves.
      pacing: { perSecond: 10_000, burst: 10_000 },
      ...options,
    },
  );
  const client = new SlackClient({
    url: `${app.url}/slack/events`,
    signingSecret: SIGNING_SECRET,
    slack,
  });
  const settle = async () => {
    // The app's own worker delivers in the background; wait until the outbox holds nothing
    // pending or in flight (dead rows are a test's business to look at). A big backlog may
    // take a while on a busy machine: give up only when it stopped shrinking for 10 s.
    let deadline = Date.now() + 10_000;
    let least = Number.POSITIVE_INFINITY;
    for (;;) {
      const [row] = await database.db
        .select({ n: count() })
        .from(outbox)
        .where(inArray(outbox.state, ['pending', 'in_flight']));
      const waiting = Number(row?.n ?? 0);
      if (waiting === 0) return;
      if (waiting < least) {
        least = waiting;
        deadline = Date.now() + 10_000;
      }
      if (Date.now() > deadline) {
        throw new Error(`outbox still holds ${waiting} rows, none delivered for 10 s`);
      }
      // Not too often: on the embedded database every poll waits its turn with the worker.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    app,
    slack,
    client,
    clock,
    settle,
    async intake(body) {
      const raw = JSON.stringify(body);
      const response = await postSignedIntake(`${app.url}/intake/events`, INTAKE_SECRET, raw);
      const result = {
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      };
      await settle();
      return result;
    },
    async close() {
      await app.stop();
      await database.close();
      await slack.stop();
    },
  };
}

/**
 * One app for the test file: started before its tests, closed after. The returned object is
 * filled in by `beforeAll`, so use it inside tests and hooks only.
 */
export function useSlackTestApp(overrides: Partial<Config> = {}): SlackTestApp {
  const handle = {} as SlackTestApp;
  beforeAll(async () => {
    Object.assign(handle, await startSlackTestApp(overrides));
  });
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}
