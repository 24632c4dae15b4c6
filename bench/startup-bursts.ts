/**
 * Measurement 6 under load: a production start that has been read idle gets the ack bursts of
 * measurement 1 — `/jobs list`, and "Assign to me" on cards jobdesk posted itself — one burst at
 * a time, while the resident memory of its whole process tree is read every 100 ms, from each
 * burst's first request until every request of it was answered (jobdesk answers through the
 * response_url; the bare Bolt app's answer is its ack).
 */
import type { FakeSlack, SlackUser } from '@jobdesk/fake-slack';
import { signedIntakeHeaders } from '../src/http/intake/signed-post.ts';
import { jobCreated } from './intake.ts';
import { INTAKE_SECRET, SIGNING_SECRET } from './lib/jobdesk-env.ts';
import { Loader } from './lib/load.ts';
import { ThreadedLoader } from './lib/load-thread.ts';
import { type TreeMemory, TreeSampler } from './lib/process-tree.ts';
import {
  answeredCount,
  type Card,
  clicksOn,
  listsBy,
  postedCards,
  type SlackRequest,
} from './lib/slack-requests.ts';
import { sleep } from './lib/stats.ts';

export interface BurstTarget {
  /** The process whose tree is read. */
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The fake Slack this process (and no other) talks to. */
  slack: FakeSlack;
  users: SlackUser[];
  channel: string;
  /** jobdesk answers through the response_url; the bare app only acks. */
  answers: boolean;
}

export interface BurstPlan {
  /** Requests sent together in a burst. */
  concurrencies: number[];
  /** Bursts of each kind at each concurrency. */
  bursts: number;
}

export interface BurstMemory {
  samples: TreeMemory[];
  requests: number;
  /** Acks that were not 200. */
  failures: number;
  /** Requests jobdesk had not answered 60 s after their burst. */
  unanswered: number;
}

/**
 * Sends `jobs` signed job.created events through jobdesk's intake API and waits until their
 * cards are in the channel: what the clicks click on, and what `/jobs list` lists.
 */
export async function intakeJobs(target: BurstTarget, jobs: number): Promise<Card[]> {
  const loader = new Loader(`${target.url}/intake/events`, 8);
  try {
    const requests = Array.from({ length: jobs }, () => {
      const { body } = jobCreated();
      return { body, headers: signedIntakeHeaders(INTAKE_SECRET, body) };
    });
    const run = await loader.closedLoop(requests, 8, 202);
    if (run.failures) throw new Error(`${run.failures} of ${jobs} intake events were refused`);
  } finally {
    loader.close();
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const cards = postedCards(target.slack, target.channel);
    if (cards.length >= jobs) return cards;
    if (Date.now() > deadline) throw new Error(`${cards.length} of ${jobs} cards posted in 120 s`);
    await sleep(200);
  }
}

/** Waits (up to 60 s) until jobdesk answered every request; returns how many it did not. */
async function answered(slack: FakeSlack, sent: SlackRequest[]): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const count = answeredCount(slack, sent);
    if (count >= sent.length || Date.now() > deadline) return sent.length - count;
    await sleep(20);
  }
}

/**
 * Waits until the app made no Slack call for a second (the card updates after the clicks), so
 * one burst's after-ack work does not run into the next burst, or into the next app's.
 */
async function quiet(slack: FakeSlack): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const last = slack.calls().at(-1)?.at ?? 0;
    if (Date.now() - last >= 1000) return;
    await sleep(100);
  }
}

/** Forgets the calls and ephemeral answers the fake keeps, so this process does not grow. */
function forget(target: BurstTarget): void {
  target.slack.clearCalls();
  for (const user of target.users) {
    for (const shown of target.slack.ephemerals(user.id)) {
      target.slack.dismissEphemeral(user.id, shown.ts);
    }
  }
}

/** The bursts of `plan`, `/jobs list` first, then clicks on `cards`, sampling the tree's memory. */
export async function memoryUnderBursts(
  target: BurstTarget,
  cards: Card[],
  plan: BurstPlan,
): Promise<BurstMemory> {
  const sampler = new TreeSampler(target.pid);
  // A connection per request, as measurement 1 sends them: that many people at the same moment.
  const loader = new ThreadedLoader(`${target.url}/slack/events`, Math.max(...plan.concurrencies), {
    keepAlive: false,
  });
  const next = {
    list: listsBy(target.slack, SIGNING_SECRET, { users: target.users, channel: target.channel }),
    click: clicksOn(target.slack, SIGNING_SECRET, {
      cards,
      users: target.users,
      channel: target.channel,
    }),
  };
  const result: BurstMemory = { samples: [], requests: 0, failures: 0, unanswered: 0 };
  try {
    for (const kind of ['list', 'click'] as const) {
      for (const concurrency of plan.concurrencies) {
        for (let b = 0; b < plan.bursts; b++) {
          const requests = Array.from({ length: concurrency }, next[kind]);
          sampler.start();
          const run = await loader.burst(requests);
          if (target.answers) result.unanswered += await answered(target.slack, requests);
          sampler.stop();
          result.requests += requests.length;
          result.failures += run.failures;
          await quiet(target.slack);
          forget(target);
        }
      }
    }
  } finally {
    sampler.stop();
    await loader.close();
  }
  result.samples = [...sampler.all()];
  return result;
}
