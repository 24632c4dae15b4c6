import { FakeSlack } from '@jobdesk/fake-slack';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobdesk, startJobdesk } from '../../src/app.ts';
import { jobs, outbox } from '../../src/db/schema.ts';
import { postSignedIntake } from '../../src/http/intake/signed-post.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { INTAKE_SECRET, testConfig } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Issue 12, item 3: two installs on one database (one process each would do the same). Each
// claims, sweeps, reminds, counts and delivers only its own workspace's rows, with its own token.

const HOUR = 60 * 60 * 1000;
const JOBS_CHANNEL = 'C0JOBS';

interface Install {
  name: string;
  slack: FakeSlack;
  app: Jobdesk;
  clock: { now: Date };
}

let database: TestDatabase;
const installs: Install[] = [];

async function install(name: string, teamId: string): Promise<Install> {
  const slack = await FakeSlack.start({
    teamId,
    botToken: `xoxb-${name}`,
    channels: [{ id: JOBS_CHANNEL, name: 'jobs' }],
  });
  slack.addUser({ id: 'U0ADMIN', name: 'ada' });
  const clock = { now: new Date() };
  const app = await startJobdesk(
    testConfig({
      slack: {
        botToken: slack.botToken,
        signingSecret: 'test-signing-secret-abcdef',
        appToken: undefined,
        apiUrl: slack.apiUrl,
      },
      jobsChannel: JOBS_CHANNEL,
      admins: ['U0ADMIN'],
    }),
    {
      logger: pino({ level: 'silent' }),
      now: () => clock.now,
      database,
      homeRefreshDelayMs: 0,
      pollMs: 50,
      pacing: { perSecond: 10_000, burst: 10_000 },
    },
  );
  return { name, slack, app, clock };
}

async function intake(target: Install, body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(target.clock.now.getTime() / 1000);
  const response = await postSignedIntake(`${target.app.url}/intake/events`, INTAKE_SECRET, raw, {
    timestampSeconds: timestamp,
  });
  expect(response.status).toBe(202);
  return Number(String(((await response.json()) as { job: string }).job).slice(2));
}

const rowsOf = (workspaceId: string) =>
  database.db.select().from(outbox).where(eq(outbox.workspaceId, workspaceId));

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let a: Install;
let b: Install;
beforeAll(async () => {
  database = await createTestDatabase();
  a = await install('a', 'T0AAAA');
  b = await install('b', 'T0BBBB');
  installs.push(a, b);
  // B's worker is away (a deploy, a crash): A's worker must still leave B's rows alone.
  await b.app.worker.stop();
});
afterAll(async () => {
  for (const i of installs) {
    await i.app.stop();
    await i.slack.stop();
  }
  await database.close();
});

describe('two installs on one database', () => {
  it('each delivers only its own cards, and counts only its own outbox', async () => {
    await intake(a, jobCreatedWire({ createdAt: a.clock.now, title: 'Job of A' }));
    await intake(b, jobCreatedWire({ createdAt: b.clock.now, title: 'Job of B' }));
    await until(
      async () => (await rowsOf(a.app.workspaceId)).every((r) => r.state === 'done'),
      "A's deliveries",
    );
    // Give A's worker time to take what it should not.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posted = a.slack
      .channel(JOBS_CHANNEL)
      .messages()
      .map((m) => JSON.stringify(m));
    expect(posted.some((m) => m.includes('Job of A'))).toBe(true);
    expect(posted.some((m) => m.includes('Job of B'))).toBe(false);
    const theirs = await rowsOf(b.app.workspaceId);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((r) => r.state === 'pending' && r.attempts === 0)).toBe(true);
    const metrics = await (await fetch(`${a.app.url}/metrics`)).text();
    expect(metrics).toMatch(/^jobdesk_outbox_pending 0$/m);
  });

  it('each sweep expires only its own jobs, and each reminder is only about its own', async () => {
    const numberA = await intake(a, jobCreatedWire({ createdAt: a.clock.now, title: 'A2' }));
    const numberB = await intake(b, jobCreatedWire({ createdAt: b.clock.now, title: 'B2' }));
    const job = async (install: Install, number: number) => {
      const [row] = await database.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.workspaceId, install.app.workspaceId), eq(jobs.number, number)));
      if (!row) throw new Error('no such job');
      return row;
    };

    // A's card is posted first: its delivery locks the job's row for a moment, and the reminder
    // claim skips locked rows (SKIP LOCKED) to come back at the next tick.
    await expect
      .poll(async () => (await job(a, numberA)).cardTs, { timeout: 10_000 })
      .not.toBeNull();
    // 50 hours in: the 24-hour reminders are due for both, but only A's clock ticks.
    a.clock.now = new Date(a.clock.now.getTime() + 50 * HOUR);
    b.clock.now = a.clock.now;
    const reminded = await a.app.deadlineClock.runOnce();
    expect(reminded.failed).toEqual([]);
    expect((await job(a, numberA)).reminded24hAt).not.toBeNull();
    expect((await job(b, numberB)).reminded24hAt).toBeNull();

    // 73 hours in: both are past their deadline; A's sweep expires A's only.
    a.clock.now = new Date(a.clock.now.getTime() + 23 * HOUR);
    b.clock.now = a.clock.now;
    const swept = await a.app.deadlineClock.runOnce();
    expect(swept.failed).toEqual([]);
    expect((await job(a, numberA)).status).toBe('expired');
    expect((await job(b, numberB)).status).toBe('new');

    // B's own clock then does B's.
    const theirs = await b.app.deadlineClock.runOnce();
    expect(theirs.expired).toBeGreaterThanOrEqual(1);
    expect((await job(b, numberB)).status).toBe('expired');
  });
});
