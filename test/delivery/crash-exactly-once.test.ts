// kill -9 at random moments of a burst of 40 new jobs, each with a merchant message for its
// thread, over several rounds: after each restart every card and every thread post is in the
// channel exactly once. A post that reached Slack from the killed process is found again by its
// metadata (conversations.history / conversations.replies) instead of being posted twice.
//
// SLOW: a few seconds a round (one process start and a burst): the process restarted after a
// kill delivers its round and is the one killed in the next round, so each round costs one start.
// The app runs as its own process (`node --import tsx src/main.ts`) on Postgres, against this
// fake Slack.

import { appendFileSync } from 'node:fs';
import { FakeSlack, type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerIntakeEvent } from '../../src/http/intake/signed-post.ts';
import { jobCreatedWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import { type JobdeskProcess, spawnJobdesk } from '../support/jobdesk-process.ts';
import { JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { drained, outboxCounts } from './support.ts';

const SECRETS = {
  botToken: 'xoxb-crash-once-token',
  signingSecret: 'crash-once-signing-secret',
  intakeSecret: 'crash-once-intake-secret',
};
const JOBS = 40;
const ROUNDS = 10;
const OFFERS_AT_ONCE = 8;

describe('kill -9 in the middle of a burst, round after round', () => {
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
        // The fake Slack does not limit posts here: rounds take seconds, not a minute each.
        SLACK_CHANNEL_POSTS_PER_SECOND: '50',
        OUTBOX_LEASE_SECONDS: '2',
        SCHEDULER_TICK: '0 0 1 1 *',
        DIGEST_HOUR: 'off',
        LOG_LEVEL: 'warn',
      },
      timeoutMs: 30_000,
    });
    processes.push(running);
    return { ...running, exited: running.exited.then(({ code }) => code) };
  }

  const offer = (url: string, body: unknown) => offerIntakeEvent(url, SECRETS.intakeSecret, body);

  /** Cards per job reference, and thread posts per merchant message text. */
  function tally() {
    const cards = new Map<string, number>();
    const posts = new Map<string, number>();
    for (const m of slack.channel(JOBS_CHANNEL).messages() as SlackMessage[]) {
      const ref = /J-\d+/.exec(visibleText(m))?.[0];
      if (ref) cards.set(ref, (cards.get(ref) ?? 0) + 1);
      for (const reply of slack.channel(JOBS_CHANNEL).thread(m.ts) as SlackMessage[]) {
        const text = /Thread post r\d+-\d+/.exec(visibleText(reply))?.[0];
        if (text) posts.set(text, (posts.get(text) ?? 0) + 1);
      }
    }
    return { cards, posts };
  }

  it(`posts every card and thread post once through ${ROUNDS} kill -9 rounds`, async () => {
    // Each post takes a while at "Slack": a kill often lands between a post and its stored ts.
    slack.setFault('chat.postMessage', { delayMs: 50 });
    const report: Record<string, unknown>[] = [];
    let running = await start();
    for (let round = 0; round < ROUNDS; round++) {
      const events = Array.from({ length: JOBS }, (_, i) => {
        const ids = { jobId: `job_r${round}_${i}`, conversationId: `conv_r${round}_${i}` };
        return [
          jobCreatedWire({ ...ids, title: `Round ${round} job ${i}` }),
          messageReceivedWire({ ...ids, body: `Thread post r${round}-${i}` }),
        ];
      }).flat();
      const roundStart = Date.now();
      const first = running;
      // Killed at a random moment: after a random share of the burst was offered, and a bit.
      const killAfter = 1 + Math.floor(Math.random() * events.length);
      const pauseMs = Math.floor(Math.random() * 1500);
      for (const event of events.slice(0, killAfter)) await offer(first.url, event);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const postsBeforeKill = slack.calls('chat.postMessage').length;
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe(null);

      const second = await start();
      // The whole burst again (what the killed process took is deduplicated), a few at a time.
      for (let i = 0; i < events.length; i += OFFERS_AT_ONCE) {
        const batch = events.slice(i, i + OFFERS_AT_ONCE);
        const accepted = await Promise.all(batch.map((event) => offer(second.url, event)));
        expect(accepted, `round ${round} events from ${i}`).toEqual(batch.map(() => true));
      }
      await slack.waitFor(
        () => {
          const { cards, posts } = tally();
          return cards.size >= (round + 1) * JOBS && posts.size >= (round + 1) * JOBS;
        },
        { timeoutMs: 60_000 },
      );
      await drained(database, 30_000);
      running = second;

      const { cards, posts } = tally();
      const twice = (m: Map<string, number>) => [...m].filter(([, n]) => n > 1).map(([k]) => k);
      report.push({
        round,
        seconds: Math.round((Date.now() - roundStart) / 100) / 10,
        killAfterEvents: killAfter,
        pauseMs,
        postsBeforeKill,
        lookups:
          slack.calls('conversations.history').length + slack.calls('conversations.replies').length,
      });
      expect(cards.size).toBe((round + 1) * JOBS);
      expect(posts.size).toBe((round + 1) * JOBS);
      expect(twice(cards), `round ${round}: cards posted twice`).toEqual([]);
      expect(twice(posts), `round ${round}: thread posts posted twice`).toEqual([]);
      expect(await outboxCounts(database)).toEqual({ waiting: 0, dead: 0 });
      if (process.env.CRASH_ROUNDS_LOG)
        appendFileSync(process.env.CRASH_ROUNDS_LOG, `${JSON.stringify(report.at(-1))}\n`);
    }
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    console.info(`crash rounds: ${JSON.stringify(report)}`);
  }, 600_000);
});
