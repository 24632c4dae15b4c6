// kill -9 at random moments of a burst of 40 new jobs, each with a merchant message for its
// thread, over several rounds: after each restart every card and every thread post is in the
// channel exactly once. A post that reached Slack from the killed process is found again by its
// metadata (conversations.history / conversations.replies) instead of being posted twice.
//
// SLOW: about 15 s a round (two process starts and a burst). Needs TEST_DATABASE_URL: the app
// runs as its own process (`node --import tsx src/main.ts`) on Postgres, against this fake Slack.

import { FakeSlack, type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import { type JobdeskProcess, offerEvent, spawnJobdesk } from '../support/jobdesk-process.ts';
import { JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { drained, outboxCounts } from './support.ts';

const SECRETS = {
  botToken: 'xoxb-crash-once-token',
  signingSecret: 'crash-once-signing-secret',
  intakeSecret: 'crash-once-intake-secret',
};
const JOBS = 40;
const ROUNDS = 4;

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

  const offer = (url: string, body: unknown) => offerEvent(url, SECRETS.intakeSecret, body);

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
    slack.setFault('chat.postMessage', { delayMs: 100 });
    const report: Record<string, unknown>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const events = Array.from({ length: JOBS }, (_, i) => {
        const ids = { jobId: `job_r${round}_${i}`, conversationId: `conv_r${round}_${i}` };
        return [
          jobCreatedWire({ ...ids, title: `Round ${round} job ${i}` }),
          messageReceivedWire({ ...ids, body: `Thread post r${round}-${i}` }),
        ];
      }).flat();
      const first = await start();
      // Killed at a random moment: after a random share of the burst was offered, and a bit.
      const killAfter = 1 + Math.floor(Math.random() * events.length);
      const pauseMs = Math.floor(Math.random() * 1500);
      for (const event of events.slice(0, killAfter)) await offer(first.url, event);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const postsBeforeKill = slack.calls('chat.postMessage').length;
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe(null);

      const second = await start();
      for (const [i, event] of events.entries()) {
        expect(await offer(second.url, event), `round ${round} event ${i}`).toBe(true);
      }
      await slack.waitFor(
        () => {
          const { cards, posts } = tally();
          return cards.size >= (round + 1) * JOBS && posts.size >= (round + 1) * JOBS;
        },
        { timeoutMs: 60_000 },
      );
      await drained(database, 30_000);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);

      const { cards, posts } = tally();
      const twice = (m: Map<string, number>) => [...m].filter(([, n]) => n > 1).map(([k]) => k);
      report.push({
        round,
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
    }
    console.info(`crash rounds: ${JSON.stringify(report)}`);
  }, 300_000);
});
