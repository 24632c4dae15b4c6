/**
 * Measurement 9: kill -9 in the middle of a burst, round after round (the benchmark form of
 * test/delivery/crash-exactly-once.test.ts). Each round offers 40 new jobs, each followed by a
 * merchant message for its card's thread, to one jobdesk process; at a random point of the burst
 * (after a random share of it was taken, and a random pause of up to 1.5 s) the process is
 * killed with SIGKILL. A new one starts on the same database, is offered the whole burst again
 * (what the killed one took is deduplicated by event id), and drains. The restarted process is
 * the one killed in the next round. Figures, over all rounds: cards and thread posts in the
 * channel twice or never, and the conversations.history / conversations.replies look-ups
 * jobdesk made to find out whether a post cut short by the kill had reached Slack.
 */
import { rmSync } from 'node:fs';
import { FakeSlack, type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { offerIntakeEvent } from '../src/http/intake/signed-post.ts';
import { type ServerProcess, startServer } from './lib/child.ts';
import { jobCreatedWire, messageReceivedWire } from './lib/intake-wire.ts';
import { INTAKE_SECRET, jobdeskEnv } from './lib/jobdesk-env.ts';
import { offerAll } from './lib/offer.ts';
import { waitDrained } from './lib/outbox.ts';
import { type BenchDatabase, createDatabase } from './lib/postgres.ts';
import { sleep } from './lib/stats.ts';

export interface CrashOptions {
  rounds: number;
  /** New jobs a round, each with one merchant message. */
  jobs: number;
  log: (line: string) => void;
}

export interface CrashRound {
  /** Events (of jobs × 2) offered to the process before it was killed, and the pause after. */
  killAfterEvents: number;
  pauseMs: number;
  /** chat.postMessage calls Slack had seen (all rounds) when the kill came. */
  postsBeforeKill: number;
  seconds: number;
}

export interface CrashResult {
  rounds: CrashRound[];
  jobs: number;
  /** Cards and thread posts expected over all rounds (rounds × jobs each). */
  expected: number;
  duplicateCards: number;
  lostCards: number;
  duplicatePosts: number;
  lostPosts: number;
  /** conversations.history + conversations.replies calls over all rounds. */
  lookups: number;
  /** Events the restarted process did not take after 20 offers each (all rounds). */
  refused: number;
  /** Outbox rows dead at the end (a delivery given up on). */
  dead: number;
}

const WORKSPACE = 'T_TEAM';
const JOBS_CHANNEL = 'C0JOBS';
const CARD = /Crash r\d+ job \d+\b/;
const POST = /Thread post r\d+-\d+\b/;

export async function measureCrash(o: CrashOptions): Promise<CrashResult> {
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  // Each post takes a while at "Slack": a kill often lands between a post and its stored ts,
  // which is the moment exactly-once delivery has to get right.
  slack.setFault('chat.postMessage', { delayMs: 50 });
  let database: BenchDatabase | undefined;
  let server: ServerProcess | undefined;
  const dataDir = `/tmp/jobdesk-bench-crash-${process.pid}`;
  let starts = 0;
  const start = async (url: string) =>
    startServer(`jobdesk (crash, start ${++starts})`, 'src/main.ts', {
      ...jobdeskEnv(slack, JOBS_CHANNEL),
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      // The fake Slack does not limit posts here: what is measured is the crash, not the pace,
      // and rounds take seconds instead of a minute and a half each.
      SLACK_CHANNEL_POSTS_PER_SECOND: '50',
      // A killed process's rows in flight are taken again after 2 s instead of the default.
      OUTBOX_LEASE_SECONDS: '2',
    });

  /** Cards per job title and thread posts per merchant message text, in the channel now. */
  const tally = () => {
    const cards = new Map<string, number>();
    const posts = new Map<string, number>();
    const channel = slack.channel(JOBS_CHANNEL);
    for (const m of channel.messages() as SlackMessage[]) {
      const card = CARD.exec(visibleText(m))?.[0];
      if (card) cards.set(card, (cards.get(card) ?? 0) + 1);
      for (const reply of channel.thread(m.ts) as SlackMessage[]) {
        const post = POST.exec(visibleText(reply))?.[0];
        if (post) posts.set(post, (posts.get(post) ?? 0) + 1);
      }
    }
    return { cards, posts };
  };

  try {
    database = await createDatabase('crash');
    server = await start(database.url);
    const rounds: CrashRound[] = [];
    let refused = 0;
    for (let round = 0; round < o.rounds; round++) {
      const events = Array.from({ length: o.jobs }, (_, i) => {
        const id = `crash_r${round}_${i}`;
        return [
          jobCreatedWire(id, `Crash r${round} job ${i}`),
          messageReceivedWire(id, `Thread post r${round}-${i}`),
        ];
      }).flat();
      const roundStart = Date.now();
      const killAfterEvents = 1 + Math.floor(Math.random() * events.length);
      const pauseMs = Math.floor(Math.random() * 1500);
      const killed: ServerProcess = server;
      for (const event of events.slice(0, killAfterEvents)) {
        await offerIntakeEvent(killed.url, INTAKE_SECRET, event);
      }
      await sleep(pauseMs);
      const postsBeforeKill = slack.calls('chat.postMessage').length;
      await killed.kill();

      server = await start(database.url);
      const restarted: ServerProcess = server;
      refused += await offerAll(
        events.map((body) => ({ url: restarted.url, body })),
        INTAKE_SECRET,
        8,
      );
      // Until every card and thread post so far is in, then until nothing waits in the outbox
      // (a second copy of a post would come after the first).
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { cards, posts } = tally();
        const want = (round + 1) * o.jobs;
        if ((cards.size >= want && posts.size >= want) || Date.now() > deadline) break;
        await sleep(200);
      }
      await waitDrained(database.url, WORKSPACE, 30_000);
      const seconds = (Date.now() - roundStart) / 1000;
      rounds.push({ killAfterEvents, pauseMs, postsBeforeKill, seconds });
      o.log(
        `crash: round ${round + 1}/${o.rounds} killed after ${killAfterEvents} events + ${pauseMs} ms, drained in ${seconds.toFixed(1)} s`,
      );
    }
    const errors = server.errors();
    if (errors.length) o.log(`crash: jobdesk logged errors:\n  ${errors.slice(-5).join('\n  ')}`);

    const { cards, posts } = tally();
    const expected = o.rounds * o.jobs;
    const extra = (m: Map<string, number>) => [...m.values()].reduce((sum, n) => sum + n - 1, 0);
    const depth = await waitDrained(database.url, WORKSPACE, 0);
    return {
      rounds,
      jobs: o.jobs,
      expected,
      duplicateCards: extra(cards),
      lostCards: expected - cards.size,
      duplicatePosts: extra(posts),
      lostPosts: expected - posts.size,
      lookups:
        slack.calls('conversations.history').length + slack.calls('conversations.replies').length,
      refused,
      dead: depth?.dead ?? Number.NaN,
    };
  } finally {
    await server?.stop();
    await database?.drop();
    await slack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
