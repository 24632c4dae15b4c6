// Running it: /metrics and /healthz tell the truth about the outbox and the worker, and the logs
// — at debug level, through Slack failures, refusals and a failing webhook — hold no token or
// secret.

import { Writable } from 'node:stream';
import { FakeSlack, visibleText } from '@jobdesk/fake-slack';
import { SlackClient } from '@jobdesk/fake-slack/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobdesk, startJobdesk } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { eventually } from '../slack/e2e/helpers.ts';
import { ADMIN, ALICE, JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { testConfig } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { feed } from './support.ts';

const SECRETS = {
  botToken: 'xoxb-4242-do-not-log-this-token',
  signingSecret: 'signing-secret-do-not-log-7788',
  intakeSecret: 'intake-secret-do-not-log-5511',
  outboundSecret: 'outbound-secret-do-not-log-9933',
};

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let slack: FakeSlack;
let database: TestDatabase;
let app: Jobdesk;
let client: SlackClient;
const clock = { now: new Date() };

beforeAll(async () => {
  slack = await FakeSlack.start({
    channels: [{ id: JOBS_CHANNEL, name: 'jobs' }],
    botToken: SECRETS.botToken,
  });
  slack.addUser({ id: ADMIN });
  slack.addUser({ id: ALICE });
  slack.addUser({ id: 'U0GUEST', is_restricted: true });
  database = await createTestDatabase();
  app = await startJobdesk(
    testConfig({
      slack: {
        botToken: SECRETS.botToken,
        signingSecret: SECRETS.signingSecret,
        appToken: undefined,
        apiUrl: slack.apiUrl,
      },
      jobsChannel: JOBS_CHANNEL,
      admins: [ADMIN],
      intakeSecret: SECRETS.intakeSecret,
      // Nothing listens there: every webhook fails, and says so in the log.
      outboundWebhook: { url: 'http://127.0.0.1:9/hook', secret: SECRETS.outboundSecret },
      logLevel: 'debug',
    }),
    {
      logger: createLogger('debug', capture),
      now: () => clock.now,
      database,
      // The clock stands still here: Home refreshes go out at once rather than after a delay.
      homeRefreshDelayMs: 0,
      pollMs: 50,
      pacing: { perSecond: 10_000, burst: 10_000 },
      circuit: { threshold: 1000 },
    },
  );
  client = new SlackClient({
    url: `${app.url}/slack/events`,
    signingSecret: SECRETS.signingSecret,
    slack,
  });
});
afterAll(async () => {
  await app?.stop();
  await database?.close();
  await slack?.stop();
});

async function intake(body: unknown) {
  expect(await feed(app.url, SECRETS.intakeSecret, body)).toBe(202);
}

async function metrics(): Promise<string> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  return res.text();
}

describe('operations', () => {
  it('/metrics: outbox depth and age, delivery latency, Slack errors by code, jobs by status', async () => {
    slack.failNext('chat.postMessage', { status: 500 });
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    slack.failNext('chat.postMessage', { error: 'invalid_blocks' });
    for (let i = 0; i < 4; i++) await intake(jobCreatedWire({ title: `Metered ${i}` }));
    // An assignment goes to the outbound webhook too, where nothing listens.
    await app.services.changeAssignees(
      { workspaceId: app.workspaceId, userId: ADMIN },
      1,
      [ALICE],
      'add',
    );
    await slack.waitFor(() => slack.injectedFaults().length >= 3, { timeoutMs: 10_000 });
    // The worker settles a row just after Slack answers: scrape until the dead one shows.
    let text = await metrics();
    await eventually(async () => {
      text = await metrics();
      return /^jobdesk_outbox_dead 1$/m.test(text) && /jobdesk_webhook_errors_total\{/.test(text);
    });

    expect(text).toMatch(/^jobdesk_outbox_pending \d+$/m);
    expect(text).toMatch(/^jobdesk_outbox_oldest_pending_age_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^jobdesk_outbox_dead 1$/m);
    expect(text).toMatch(/^jobdesk_slack_errors_total\{code="http_500"\} 1$/m);
    expect(text).toMatch(/^jobdesk_slack_errors_total\{code="rate_limited"\} 1$/m);
    expect(text).toMatch(/^jobdesk_slack_errors_total\{code="invalid_blocks"\} 1$/m);
    expect(text).toMatch(/^jobdesk_jobs\{status="new"\} 4$/m);
    expect(text).toMatch(
      /^jobdesk_delivery_duration_seconds_bucket\{le="\+Inf",topic="slack\.job_card",result="retry"\} 1$/m,
    );
    expect(text).toMatch(/^jobdesk_webhook_errors_total\{code="unreachable"\} \d+$/m);
    expect(text).toMatch(/^jobdesk_process_resident_memory_bytes \d+/m);
  });

  it('/healthz: the database and the worker, with the backlog', async () => {
    const ok = await fetch(`${app.url}/healthz`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { checks: { outbox: Record<string, unknown> } };
    expect(body.checks.outbox).toMatchObject({ status: 'ok', worker: 'running', dead: 1 });
    expect(body.checks.outbox.pending).toEqual(expect.any(Number));
  });

  it('logs JSON lines without a token or secret, whatever happened', async () => {
    // A refusal (a guest), a command, a click: Bolt logs requests at debug level.
    await client.command('/jobs list', { user: 'U0GUEST', channel: JOBS_CHANNEL });
    await client.command('/jobs list', { user: ALICE, channel: JOBS_CHANNEL });
    // A card of a job nobody took (J-1 is Alice's: its card has no Assign to me).
    const card = await slack.waitFor(() =>
      slack
        .channel(JOBS_CHANNEL)
        .messages()
        .find((m) => /Metered/.test(visibleText(m)) && /Nobody yet/.test(visibleText(m))),
    );
    await client.click('Assign to me', { user: ALICE, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    // Slack refuses the token once: the client's error carries the request it made.
    slack.failNext('chat.postMessage', { error: 'invalid_auth' });
    await intake(jobCreatedWire({ title: 'Token trouble' }));
    await slack.waitFor(() => slack.calls().some((c) => c.error === 'invalid_auth'));
    await slack.waitFor(() => lines.some((l) => l.includes('delivery failed for good')));

    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const all = lines.join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(all.includes(secret), `${name} appears in the logs`).toBe(false);
    }
    // It did log what an operator needs.
    expect(all).toMatch(/delivery failed; will retry/);
    expect(all).toMatch(/rate limited/);
    expect(all).toMatch(/webhook unreachable/);
    expect(all).toMatch(/refused/);
    // Including the Web API client's own request lines (headers and all, which it redacts).
    expect(all).toMatch(/http request headers/);
  });

  it('/healthz fails once the worker is stopped', async () => {
    await app.worker.stop();
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'failing',
      checks: { database: 'ok', outbox: 'failing: worker stopped' },
    });
  });
});
