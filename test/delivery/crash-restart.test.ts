// jobdesk as a real process (`node --import tsx src/main.ts`, one process so SIGKILL reaches it)
// against Postgres and the fake Slack of this test process: killed with SIGKILL in the middle
// of a burst, then started again, it loses nothing that was accepted; stopped with SIGTERM, it
// finishes the delivery in flight before it exits.

import { FakeSlack, type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerIntakeEvent } from '../../src/http/intake/signed-post.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { type JobdeskProcess, spawnJobdesk } from '../support/jobdesk-process.ts';
import { JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { drained, outboxCounts } from './support.ts';

const SECRETS = {
  botToken: 'xoxb-crash-test-token-not-for-logs',
  signingSecret: 'crash-test-signing-secret-not-for-logs',
  intakeSecret: 'crash-test-intake-secret-not-for-logs',
};
const EVENTS = 16;

describe('a crash in the middle of a burst (the app runs as its own process)', () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  const processes: JobdeskProcess[] = [];

  beforeAll(async () => {
    slack = await FakeSlack.start({
      channels: [{ id: JOBS_CHANNEL, name: 'jobs' }],
      botToken: SECRETS.botToken,
    });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const { child } of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
    await slack?.stop();
  });

  /** jobdesk from source as a process of its own (on the test's clock), once it is healthy. */
  async function start() {
    const running = await spawnJobdesk({
      env: {
        DATABASE_URL: database.url,
        INTAKE_SIGNING_SECRET: SECRETS.intakeSecret,
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_SIGNING_SECRET: SECRETS.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_JOBS_CHANNEL: JOBS_CHANNEL,
        // A dead process's deliveries are taken over after 2 s instead of 30.
        OUTBOX_LEASE_SECONDS: '2',
        SCHEDULER_TICK: '0 0 1 1 *',
        DIGEST_HOUR: 'off',
        LOG_LEVEL: 'debug',
      },
      timeoutMs: 30_000,
    });
    processes.push(running);
    return { ...running, exited: running.exited.then(({ code }) => code) };
  }

  const offer = (url: string, body: unknown) => offerIntakeEvent(url, SECRETS.intakeSecret, body);

  const cards = () => {
    const perJob = new Map<string, number>();
    for (const m of slack.channel(JOBS_CHANNEL).messages() as SlackMessage[]) {
      const ref = /J-\d+/.exec(visibleText(m))?.[0];
      if (ref) perJob.set(ref, (perJob.get(ref) ?? 0) + 1);
    }
    return perJob;
  };

  it('loses nothing it accepted when killed with SIGKILL and started again', async () => {
    const first = await start();
    // Each post takes a moment, so one is usually on its way when the process dies.
    slack.setFault('chat.postMessage', { delayMs: 150 });
    const events = Array.from({ length: EVENTS }, (_, i) =>
      jobCreatedWire({ title: `Crash burst ${i}` }),
    );
    const accepted = new Set<number>();
    let killedAt: number | undefined;
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < EVENTS; i += 4) {
          if (await offer(first.url, events[i])) accepted.add(i);
          if (accepted.size >= EVENTS / 2 && killedAt === undefined) {
            // Half the burst is in; some cards are posted, some wait their turn, one is in flight.
            killedAt = cards().size;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    expect(await first.exited).toBe(null);
    const acceptedBeforeKill = accepted.size;

    const second = await start();
    // The feeder sends again what was not taken (repeats of taken ones are answered 200).
    for (const [i, event] of events.entries()) {
      expect(await offer(second.url, event), `event ${i}`).toBe(true);
    }
    await slack.waitFor(() => cards().size === EVENTS, { timeoutMs: 60_000 });
    await drained(database, 30_000);

    const perJob = cards();
    const duplicates = [...perJob.values()].filter((n) => n > 1).length;
    console.info(
      `crash: ${JSON.stringify({
        events: EVENTS,
        acceptedBeforeKill,
        cardsBeforeKill: killedAt,
        cards: perJob.size,
        lost: EVENTS - perJob.size,
        duplicates,
      })}`,
    );
    expect(perJob.size).toBe(EVENTS);
    // Slack has no idempotency key for chat.postMessage; a post the killed process made before
    // storing its ts is found again by its metadata (crash-exactly-once.test.ts, round after round).
    expect(duplicates).toBe(0);
    expect(await outboxCounts(database)).toEqual({ waiting: 0, dead: 0 });

    // SIGTERM while a post is on its way: the post completes, then the process exits 0.
    slack.setFault('chat.postMessage', { delayMs: 1000 });
    const answered = () => slack.calls('chat.postMessage').length;
    const before = answered();
    expect(await offer(second.url, jobCreatedWire({ title: 'Last one' }))).toBe(true);
    await slack.waitFor(
      () =>
        slack.injectedFaults('chat.postMessage').length >
        slack.calls('chat.postMessage').filter((c) => c.fault).length,
      { timeoutMs: 10_000 },
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(answered()).toBe(before + 1);
    expect(slack.calls('chat.postMessage').at(-1)?.ok).toBe(true);
    expect(await outboxCounts(database)).toEqual({ waiting: 0, dead: 0 });
    slack.clearFaults();
  }, 120_000);

  it('never wrote a token or secret to its output', () => {
    const all = processes.map((p) => p.output()).join('');
    expect(all).toMatch(/jobdesk is listening/);
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(all.includes(secret), `${name} in the output`).toBe(false);
    }
  });
});
