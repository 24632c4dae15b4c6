// JOBDESK_ROLE: a `web` process answers Slack and the intake API and delivers nothing; a
// `worker` process delivers the outbox and runs the deadline clock, serving only health and
// metrics. Together they deliver everything exactly once; a web process alone says so.

import { FakeSlack, type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobdesk, type StartOptions, startJobdesk } from '../../src/app.ts';
import type { ProcessRole } from '../../src/config.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { ADMIN, JOBS_CHANNEL, slackTestConfig } from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { drained, feed } from './support.ts';

let slack: FakeSlack;
let database: TestDatabase;
const running: Jobdesk[] = [];

beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  slack.addUser({ id: ADMIN });
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const app of running) await app.stop();
  await database?.close();
  await slack?.stop();
});

async function start(role: ProcessRole, options: Partial<StartOptions> = {}): Promise<Jobdesk> {
  const app = await startJobdesk(
    slackTestConfig(slack, {
      role,
    }),
    {
      logger: pino({ level: 'silent' }),
      database,
      homeRefreshDelayMs: 0,
      pollMs: 50,
      pacing: { perSecond: 10_000, burst: 10_000 },
      ...options,
    },
  );
  running.push(app);
  return app;
}

const isRoot = (m: SlackMessage) => !m.thread_ts || m.thread_ts === m.ts;
const settledBy = async (app: Jobdesk) => {
  const metric = await app.metrics.registry
    .getSingleMetric('jobdesk_delivery_duration_seconds')
    ?.get();
  return (metric?.values ?? [])
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
    .reduce((sum, v) => sum + v.value, 0);
};
const health = async (app: Jobdesk) => {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { checks: { outbox: unknown } } };
};

describe('process roles', () => {
  let web: Jobdesk;
  let worker: Jobdesk;

  it('a web and a worker process deliver every card exactly once, the worker all of them', async () => {
    web = await start('web', { stuckAfterMs: 300 });
    worker = await start('worker');
    const titles = Array.from({ length: 8 }, (_, i) => `Role job ${String(i).padStart(2, '0')}`);
    for (const title of titles) {
      expect(await feed(web.url, INTAKE_SECRET, jobCreatedWire({ title }))).toBe(202);
    }
    await drained(database, 20_000);
    const cards = slack.channel(JOBS_CHANNEL).messages().filter(isRoot).map(visibleText);
    for (const title of titles)
      expect(
        cards.filter((c) => c.includes(title)),
        title,
      ).toHaveLength(1);
    expect(await settledBy(web)).toBe(0);
    expect(await settledBy(worker)).toBeGreaterThanOrEqual(titles.length);

    expect(await health(web)).toMatchObject({
      status: 200,
      body: { checks: { outbox: { worker: 'none in this process (JOBDESK_ROLE=web)' } } },
    });
    expect((await health(worker)).status).toBe(200);
    // The worker takes no intake and answers no Slack request.
    expect((await fetch(`${worker.url}/intake/events`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${worker.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('a web process alone delivers nothing and says so on /healthz', async () => {
    await worker.stop();
    running.splice(running.indexOf(worker), 1);
    const before = slack.channel(JOBS_CHANNEL).messages().length;
    expect(
      await feed(web.url, INTAKE_SECRET, jobCreatedWire({ title: 'Nobody delivers me' })),
    ).toBe(202);
    await expect.poll(async () => (await health(web)).status, { timeout: 10_000 }).toBe(503);
    expect(String((await health(web)).body.checks.outbox)).toContain(
      'this process is JOBDESK_ROLE=web: is a JOBDESK_ROLE=worker process running?',
    );
    expect(slack.channel(JOBS_CHANNEL).messages()).toHaveLength(before);

    // A worker comes back: the card goes out, and the web process is healthy again.
    await start('worker');
    await drained(database, 20_000);
    expect(slack.channel(JOBS_CHANNEL).messages().length).toBeGreaterThan(before);
    await expect.poll(async () => (await health(web)).status, { timeout: 10_000 }).toBe(200);
  });
});
