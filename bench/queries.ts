/**
 * Measurement 4: the sweep and the reads at scale, 100,000 jobs and 50 members in Postgres. The
 * expiry sweep over 10,000 due jobs first, repeated with the jobs put back between runs (and left
 * expired after the last, as the minute-by-minute sweep keeps a live workspace); then, one at a
 * time, `/jobs mine` and `/jobs list` as their listener runs them (queries and Block Kit
 * rendering, without the Slack round trip) and App Home as app_home_opened builds it.
 */

import { pino } from 'pino';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { drizzleStore } from '../src/db/store.ts';
import { createServices } from '../src/services/index.ts';
import type { Store } from '../src/services/ports.ts';
import type { CommandArgs, CommandContext } from '../src/slack/commands/command.ts';
import { listJobs as list } from '../src/slack/commands/jobs/list.ts';
import { parseJobsCommand } from '../src/slack/commands/parse-jobs-command.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { PeopleDirectory } from '../src/slack/people.ts';
import { appHomeView } from '../src/slack/views/app-home.ts';
import { memberId } from './lib/seed.ts';
import { type Summary, summarize } from './lib/stats.ts';

export interface QueriesOptions {
  url: string;
  workspaceId: string;
  now: Date;
  members: number;
  dueJobs: number;
  /** Timed runs of each read (spread over the members). */
  reads: number;
  /** Runs of the expiry sweep. */
  sweeps: number;
}

export interface QueriesResult {
  jobsMine: Summary;
  jobsList: Summary;
  appHome: Summary;
  /** One sweep over all due jobs, ms. */
  sweep: Summary;
  /** One transaction of the sweep (a batch of 200 jobs), ms. */
  sweepBatch: Summary;
  expiredPerSweep: number;
}

async function timed(runs: number, run: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, runs); i++) await run(i); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function measureQueries(o: QueriesOptions): Promise<QueriesResult> {
  const database = await openDatabase({ url: o.url });
  const batches: number[] = [];
  let inSweep = false;
  const inner = drizzleStore(database.db);
  // Times each transaction of the sweep: one batch of due jobs each.
  const store: Store = {
    async transaction(work) {
      const started = performance.now();
      try {
        return await inner.transaction(work);
      } finally {
        if (inSweep) batches.push(performance.now() - started);
      }
    },
  };
  const services = createServices({ store, now: () => o.now, webhooks: false });
  const deps: SlackDeps = {
    services,
    workspaceId: o.workspaceId,
    now: () => o.now,
    logger: pino({ level: 'silent' }),
    people: new PeopleDirectory(),
  };
  const command = (
    text: string,
    userId: string,
  ): [CommandContext, ReturnType<typeof parseJobsCommand>] => [
    {
      deps,
      args: {} as CommandArgs,
      userId,
      helpLines: [],
      reply: async (message) => {
        if (!message.blocks?.length) throw new Error('empty list');
      },
    },
    parseJobsCommand(text),
  ];
  const user = (i: number) => memberId(i % o.members);
  try {
    const sql = postgres(o.url, { max: 1, onnotice: () => {} });
    const sweeps: number[] = [];
    let expiredPerSweep = 0;
    try {
      await sql`create table if not exists bench_due as
        select id, status, version from jobs
        where first_response_at is null and status in ('new', 'opened', 'awaiting_response')
          and expires_at <= ${o.now}`;
      const [{ n } = { n: 0 }] = await sql<
        { n: number }[]
      >`select count(*)::int as n from bench_due`;
      if (n !== o.dueJobs) throw new Error(`expected ${o.dueJobs} due jobs, found ${n}`);
      const maxOutbox = await sql<{ id: number | null }[]>`select max(id) as id from outbox`;
      const maxEvent = await sql<{ id: number }[]>`select max(id) as id from job_events`;
      for (let run = 0; run < o.sweeps; run++) {
        inSweep = true;
        const started = performance.now();
        expiredPerSweep = await services.expireDueJobs(o.workspaceId);
        sweeps.push(performance.now() - started);
        inSweep = false;
        // Nothing is delivered here: drop what the sweep queued (cards, DMs, Home refreshes).
        await sql`delete from outbox where id > ${maxOutbox[0]?.id ?? 0}`;
        // Put the jobs back for the next run. After the last one they stay expired, as the
        // minute-by-minute sweep keeps a live workspace: the reads below see that state.
        if (run < o.sweeps - 1) {
          await sql`update jobs set status = b.status, version = b.version, closed_at = null
            from bench_due b where jobs.id = b.id`;
          await sql`delete from job_events where id > ${maxEvent[0]?.id ?? 0}`;
        }
        await sql`vacuum analyze jobs, job_events, outbox`;
      }
    } finally {
      await sql`drop table if exists bench_due`;
      await sql.end();
    }
    const jobsMine = await timed(o.reads, async (i) => {
      const [ctx, parsed] = command('mine', user(i));
      if (parsed.kind !== 'list') throw new Error('`/jobs mine` did not parse as a list');
      await list(ctx, parsed);
    });
    const jobsList = await timed(o.reads, async (i) => {
      const [ctx, parsed] = command('list', user(i));
      if (parsed.kind !== 'list') throw new Error('`/jobs list` did not parse as a list');
      await list(ctx, parsed);
    });
    const appHome = await timed(o.reads, async (i) => {
      const home = await services.openHome({ workspaceId: o.workspaceId, userId: user(i) });
      appHomeView({ home, now: o.now });
    });

    return {
      jobsMine: summarize(jobsMine),
      jobsList: summarize(jobsList),
      appHome: summarize(appHome),
      sweep: summarize(sweeps),
      sweepBatch: summarize(batches),
      expiredPerSweep,
    };
  } finally {
    await database.close();
  }
}
