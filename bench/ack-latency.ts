/**
 * Measurement 1 (and 5): how fast Slack gets its ack. jobdesk (`src/main.ts`, as `npm start` runs
 * it) and a bare Bolt app that only acks (bench/servers/bare-bolt.ts) run side by side as child
 * processes against one fake Slack in this process. Both get the same signed requests over HTTP —
 * "Assign to me" clicks on real cards, and `/jobs list` — at each concurrency, in alternating
 * rounds; jobdesk's after-ack work (the assignment, the card update, Home refreshes, the list's
 * answer) is let finish between rounds so it never lands on the baseline's clock.
 */

import { FakeSlack, type JsonObject } from '@jobdesk/fake-slack';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { drizzleStore } from '../src/db/store.ts';
import { createServices } from '../src/services/index.ts';
import { jobCard } from '../src/slack/views/job-card.ts';
import { RssSampler, type ServerProcess, startServer } from './lib/child.ts';
import { INTAKE_SECRET, SIGNING_SECRET } from './lib/jobdesk-env.ts';
import { ThreadedLoader } from './lib/load-thread.ts';
import { memberId } from './lib/seed.ts';
import {
  answeredCount,
  assignBlock,
  type Card,
  clicksOn,
  listsBy,
  type SlackRequest,
} from './lib/slack-requests.ts';
import { median, percentile, sleep } from './lib/stats.ts';

export type AckKind = 'click' | 'list';
export type AppName = 'jobdesk' | 'bare';

export interface AckOptions {
  /** The seeded database jobdesk runs on. */
  url: string;
  workspaceId: string;
  jobsChannel: string;
  members: number;
  /** Numbers of the jobs whose cards get "Assign to me" clicks. */
  clickJobs: number[];
  /** Requests in flight at once: each burst sends this many together. */
  concurrencies: number[];
  /** Requests per app, kind and concurrency (rounded up to whole bursts). */
  samples: number;
  /** The bursts are grouped into this many rounds, to show how steady the figures are. */
  rounds: number;
  /** Requests of each kind sent to each app before measuring (JIT, caches, connections). */
  warmup: number;
  log: (line: string) => void;
  /**
   * `all` (default): one jobdesk process acks and delivers. `split`: a `JOBDESK_ROLE=web` process
   * acks, and a separate `JOBDESK_ROLE=worker` process on the same database delivers the outbox
   * (card updates, Home re-renders) and runs the clock, off the acking event loop.
   */
  role?: 'all' | 'split';
}

export interface AckSeries {
  kind: AckKind;
  concurrency: number;
  app: AppName;
  bursts: number;
  /** Over every request of the series. */
  p50: number;
  p99: number;
  /** p99 of each round (a group of bursts). */
  roundP99: number[];
  failures: number;
  /**
   * jobdesk only: its own garbage collection (prom-client's GC histogram on /metrics, read before
   * and after each burst) in the burst with the slowest p99, and the median over all bursts — to
   * tell a slow burst that waited for GC from one that waited for the machine.
   */
  gc?: { slowestBurstP99: number; slowestBurstGcMs: GcMs; medianBurstGcMs: number };
  /** Until the answer reached the person through response_url (jobdesk only). */
  answerP50?: number;
  answerP99?: number;
}

/** Milliseconds of garbage collection by V8's kind: minor (scavenge), major, incremental. */
export type GcMs = Record<string, number>;

/** jobdesk's GC time so far, from prom-client's `nodejs_gc_duration_seconds` sums. */
async function gcSoFar(url: string): Promise<GcMs> {
  const text = await fetch(`${url}/metrics`).then((res) => res.text());
  const ms: GcMs = {};
  for (const m of text.matchAll(
    /^jobdesk_nodejs_gc_duration_seconds_sum\{kind="(\w+)"\} (\S+)$/gm,
  )) {
    ms[m[1] as string] = Number(m[2]) * 1000;
  }
  return ms;
}

function gcBetween(before: GcMs, after: GcMs): GcMs {
  return Object.fromEntries(
    Object.entries(after).map(([kind, ms]) => [kind, +(ms - (before[kind] ?? 0)).toFixed(1)]),
  );
}

const totalMs = (gc: GcMs) => Object.values(gc).reduce((a, b) => a + b, 0);

export interface MemoryFigures {
  /** After start, before any request. */
  idleMiB: number;
  /** While measurement 1 ran against it. */
  medianMiB: number;
  peakMiB: number;
}

export interface AckResult {
  role: 'all' | 'split';
  series: AckSeries[];
  memory: Record<AppName, MemoryFigures>;
  /** Bursts after which jobdesk had not answered everything and drained its outbox in 120 s. */
  unsettled: number;
}

/** Posts each click job's card to the fake as the bot and records it on the job, as delivery would. */
async function postCards(o: AckOptions, slack: FakeSlack): Promise<Card[]> {
  const database = await openDatabase({ url: o.url, maxConnections: 4 });
  const services = createServices({
    store: drizzleStore(database.db),
    now: () => new Date(),
    webhooks: false,
  });
  const cards: Card[] = [];
  try {
    for (const number of o.clickJobs) {
      const job = await services.getJob(o.workspaceId, number);
      const merchant = await services.getMerchant(o.workspaceId, job.merchantId);
      if (!merchant) throw new Error(`J-${number} has no merchant`);
      // The card as it read when the job came in, before anyone was on it: the seed puts
      // assignees on most jobs, and a card shows "Assign to me" only while nobody is. People
      // click the card they see, so the click carries that message, as Slack's would.
      const card = jobCard({ job: { ...job, assignees: [] }, merchant, now: new Date() });
      const posted = slack.postAsUser(o.jobsChannel, slack.botUserId, card.text);
      await services.recordJobCard(o.workspaceId, job.id, {
        channelId: o.jobsChannel,
        ts: posted.ts,
      });
      const blocks = card.blocks as unknown as JsonObject[];
      const holder = assignBlock(blocks);
      if (!holder) throw new Error(`J-${number}'s card has no Assign to me`);
      cards.push({
        number,
        blockId: String(holder.block_id ?? 'card_actions'),
        // What Slack sends back with a click: the message as the channel holds it.
        message: {
          type: 'message',
          ts: posted.ts,
          user: slack.botUserId,
          bot_id: slack.botId,
          app_id: slack.appId,
          team: slack.teamId,
          text: card.text,
          blocks,
        },
      });
    }
  } finally {
    await database.close();
  }
  return cards;
}

function slowestBurstGc(bursts: { p99: number; gc: GcMs }[]): AckSeries['gc'] {
  const slowest = bursts.reduce((a, b) => (b.p99 > a.p99 ? b : a));
  return {
    slowestBurstP99: slowest.p99,
    slowestBurstGcMs: slowest.gc,
    medianBurstGcMs: median(bursts.map((b) => totalMs(b.gc))),
  };
}

export async function measureAck(o: AckOptions): Promise<AckResult> {
  const slack = await FakeSlack.start({ channels: [{ id: o.jobsChannel, name: 'jobs' }] });
  const users = Array.from({ length: o.members }, (_, i) =>
    slack.addUser({ id: memberId(i), name: `member${i}` }),
  );
  o.log(`ack: posting ${o.clickJobs.length} cards to the fake Slack`);
  const cards = await postCards(o, slack);

  const click = clicksOn(slack, SIGNING_SECRET, { cards, users, channel: o.jobsChannel });
  const list = listsBy(slack, SIGNING_SECRET, { users, channel: o.jobsChannel });
  const prepare = (kind: AckKind, n: number) =>
    Array.from({ length: n }, kind === 'click' ? click : list);

  const env = {
    PORT: '0',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'error',
  };
  const role = o.role ?? 'all';
  const split = role === 'split';
  const jobdeskEnv = {
    ...env,
    DATABASE_URL: o.url,
    SLACK_JOBS_CHANNEL: o.jobsChannel,
    INTAKE_SIGNING_SECRET: INTAKE_SECRET,
    // The sweep and the digest are measured elsewhere; here they would only add noise.
    SCHEDULER_TICK: '0 0 1 1 *',
    DIGEST_HOUR: 'off',
    DATA_DIR: '/tmp/jobdesk-bench-unused',
  };
  const servers: Record<AppName, ServerProcess> = {
    bare: await startServer('bare Bolt', 'bench/servers/bare-bolt.ts', env),
    jobdesk: await startServer(split ? 'jobdesk web' : 'jobdesk', 'src/main.ts', {
      ...jobdeskEnv,
      JOBDESK_ROLE: split ? 'web' : 'all',
    }),
  };
  // Not measured: it delivers what the web process committed, in its own process.
  const worker = split
    ? await startServer('jobdesk worker', 'src/main.ts', { ...jobdeskEnv, JOBDESK_ROLE: 'worker' })
    : undefined;
  const sql = postgres(o.url, { max: 1, onnotice: () => {} });
  const samplers = {
    bare: new RssSampler(servers.bare),
    jobdesk: new RssSampler(servers.jobdesk),
  };
  const result: AckResult = {
    role,
    series: [],
    memory: {
      bare: { idleMiB: 0, medianMiB: 0, peakMiB: 0 },
      jobdesk: { idleMiB: 0, medianMiB: 0, peakMiB: 0 },
    },
    unsettled: 0,
  };

  /** Waits until jobdesk has answered every request and its outbox is empty. */
  async function settle(sent: SlackRequest[]): Promise<boolean> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answered = answeredCount(slack, sent);
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from outbox
        where state in ('pending', 'in_flight')`;
      if (answered >= sent.length && row?.n === 0) return true;
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
  }

  /**
   * Forgets the calls and the ephemeral answers the fake keeps, once they are counted: kept for a
   * whole run they would grow this process (which also measures) past a gigabyte.
   */
  function forget(): void {
    slack.clearCalls();
    for (const user of users) {
      for (const shown of slack.ephemerals(user.id)) slack.dismissEphemeral(user.id, shown.ts);
    }
  }

  function answers(sent: SlackRequest[]): number[] {
    const sentAt = new Map(sent.map((r) => [r.responseUrlId, r.sentAt ?? 0]));
    const latencies: number[] = [];
    for (const call of slack.calls('response_url')) {
      const at = sentAt.get(String(call.args.response_url_id));
      if (at !== undefined) latencies.push(call.at - at);
    }
    return latencies;
  }

  try {
    await sleep(2000);
    result.memory.bare.idleMiB = median(samplers.bare.take());
    result.memory.jobdesk.idleMiB = median(samplers.jobdesk.take());
    o.log(
      `ack: idle RSS jobdesk ${result.memory.jobdesk.idleMiB.toFixed(0)} MiB, bare Bolt ${result.memory.bare.idleMiB.toFixed(0)} MiB; warming up`,
    );
    // A connection per request, as a burst of people clicking at once reaches the app: kept-alive
    // connections would be warm in some bursts and not in others (Node closes them after 5 s idle).
    const loader = (app: AppName) =>
      new ThreadedLoader(`${servers[app].url}/slack/events`, Math.max(...o.concurrencies), {
        keepAlive: false,
      });
    const loaders: Record<AppName, ThreadedLoader> = {
      bare: loader('bare'),
      jobdesk: loader('jobdesk'),
    };
    // Warm up each app and kind (the JIT, users.info cache, database pool), one burst at each
    // concurrency and then bursts of 50.
    for (const kind of ['click', 'list'] as const) {
      for (const app of ['bare', 'jobdesk'] as const) {
        const sizes = [...o.concurrencies];
        for (let sent = sizes.reduce((a, b) => a + b, 0); sent < o.warmup; sent += 50) {
          sizes.push(50);
        }
        for (const size of sizes) {
          const requests = prepare(kind, size);
          await loaders[app].burst(requests);
          if (app === 'jobdesk') await settle(requests);
          forget();
        }
      }
    }
    samplers.bare.take();
    samplers.jobdesk.take();

    const during: Record<AppName, number[]> = { bare: [], jobdesk: [] };
    for (const kind of ['click', 'list'] as const) {
      for (const concurrency of o.concurrencies) {
        const bursts = Math.ceil(o.samples / concurrency);
        const perRound = Math.ceil(bursts / o.rounds);
        const latencies: Record<AppName, number[][]> = { bare: [], jobdesk: [] };
        const answered: number[] = [];
        const failures: Record<AppName, number> = { bare: 0, jobdesk: 0 };
        const jobdeskBursts: { p99: number; gc: GcMs }[] = [];
        for (let b = 0; b < bursts; b++) {
          const order: AppName[] = b % 2 === 0 ? ['bare', 'jobdesk'] : ['jobdesk', 'bare'];
          for (const app of order) {
            const requests = prepare(kind, concurrency);
            samplers[app].take();
            const gcBefore = app === 'jobdesk' ? await gcSoFar(servers.jobdesk.url) : undefined;
            const run = await loaders[app].burst(requests);
            if (gcBefore) {
              const gc = gcBetween(gcBefore, await gcSoFar(servers.jobdesk.url));
              jobdeskBursts.push({ p99: percentile(run.latencies, 99), gc });
            }
            const round = Math.floor(b / perRound);
            latencies[app][round] = [...(latencies[app][round] ?? []), ...run.latencies];
            failures[app] += run.failures;
            if (app === 'jobdesk') {
              if (!(await settle(requests))) result.unsettled += 1;
              answered.push(...answers(requests));
              forget();
            }
            during[app].push(...samplers[app].take());
          }
        }
        for (const app of ['jobdesk', 'bare'] as const) {
          const all = latencies[app].flat();
          const series: AckSeries = {
            kind,
            concurrency,
            app,
            bursts,
            p50: percentile(all, 50),
            p99: percentile(all, 99),
            roundP99: latencies[app].map((round) => percentile(round, 99)),
            failures: failures[app],
            ...(app === 'jobdesk'
              ? {
                  answerP50: percentile(answered, 50),
                  answerP99: percentile(answered, 99),
                  gc: slowestBurstGc(jobdeskBursts),
                }
              : {}),
          };
          result.series.push(series);
          o.log(
            `ack (${role}): ${kind} ×${concurrency} ${app}: p50 ${series.p50.toFixed(1)} ms, p99 ${series.p99.toFixed(1)} ms (rounds ${series.roundP99.map((v) => v.toFixed(0)).join('/')})${series.answerP99 !== undefined ? `; answered p50 ${series.answerP50?.toFixed(0)} ms, p99 ${series.answerP99.toFixed(0)} ms` : ''}${series.gc ? `; slowest burst p99 ${series.gc.slowestBurstP99.toFixed(0)} ms with GC ${JSON.stringify(series.gc.slowestBurstGcMs)} ms, median burst GC ${series.gc.medianBurstGcMs.toFixed(1)} ms` : ''}${series.failures ? `; ${series.failures} failed` : ''}`,
          );
        }
      }
    }
    await loaders.bare.close();
    await loaders.jobdesk.close();
    for (const app of ['bare', 'jobdesk'] as const) {
      result.memory[app].medianMiB = median(during[app]);
      result.memory[app].peakMiB = Math.max(...during[app]);
    }
    o.log(
      `ack: this process (load, fake Slack) ended at ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB RSS`,
    );
    for (const app of ['bare', 'jobdesk'] as const) {
      const errors = servers[app].errors();
      if (errors.length) o.log(`ack: ${app} wrote to stderr:\n  ${errors.slice(-5).join('\n  ')}`);
    }
    const workerErrors = worker?.errors() ?? [];
    if (workerErrors.length)
      o.log(`ack: worker wrote to stderr:\n  ${workerErrors.slice(-5).join('\n  ')}`);
    return result;
  } finally {
    samplers.bare.stop();
    samplers.jobdesk.stop();
    await Promise.all([servers.bare.stop(), servers.jobdesk.stop(), worker?.stop()]);
    await sql.end();
    await slack.stop();
  }
}
