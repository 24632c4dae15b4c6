/**
 * Measurement 3: a burst of new jobs to one channel, against a fake Slack that enforces Slack's
 * one message per second per channel (HTTP 429 with Retry-After beyond it). jobdesk runs as
 * `npm start` runs it, with its production pacing; the jobs arrive through the intake API as fast
 * as it takes them. Figures: how long the cards took to drain against the theoretical minimum
 * (one a second from the first), and the share of chat.postMessage calls that got 429.
 */
import { rmSync } from 'node:fs';
import { FakeSlack } from '@jobdesk/fake-slack';
import { signedIntakeHeaders } from '../src/http/intake/signed-post.ts';
import { type ServerProcess, startServer } from './lib/child.ts';
import { INTAKE_SECRET, jobdeskEnv } from './lib/jobdesk-env.ts';
import { Loader } from './lib/load.ts';
import { type BenchDatabase, createDatabase } from './lib/postgres.ts';
import { sleep } from './lib/stats.ts';

export interface DeliveryOptions {
  jobs: number;
  /** The fake's limit: messages per second per channel, and the burst a quiet channel takes. */
  perSecond: number;
  burst: number;
  log: (line: string) => void;
}

export interface DeliveryResult {
  jobs: number;
  /** From the first intake request to the last card Slack accepted, seconds. */
  drainSeconds: number;
  /** The fastest the limit allows: the first cards at once (the burst), then one per interval. */
  minimumSeconds: number;
  /** minimumSeconds / drainSeconds: how close to Slack's limit the cards went out. */
  shareOfLimit: number;
  /** chat.postMessage calls, and those answered 429. */
  postCalls: number;
  rateLimited: number;
  /** Seconds the intake API took to take the whole burst. */
  intakeSeconds: number;
  /** Cards in the channel at the end (should equal jobs). */
  posted: number;
}

const JOBS_CHANNEL = 'C0JOBS';

export async function measureDelivery(o: DeliveryOptions): Promise<DeliveryResult> {
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  slack.limitPostsPerChannel({ perSecond: o.perSecond, burst: o.burst });
  let database: BenchDatabase | undefined;
  let server: ServerProcess | undefined;
  const dataDir = `/tmp/jobdesk-bench-delivery-${process.pid}`;
  try {
    database = await createDatabase('delivery');
    server = await startServer('jobdesk (delivery)', 'src/main.ts', {
      ...jobdeskEnv(slack, JOBS_CHANNEL),
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
    });
    const loader = new Loader(`${server.url}/intake/events`, 8);
    const timestamp = Math.floor(Date.now() / 1000);
    const requests = Array.from({ length: o.jobs }, (_, i) => {
      const now = new Date().toISOString();
      const body = JSON.stringify({
        id: `evt_delivery_${i}`,
        type: 'job.created',
        occurred_at: now,
        data: {
          job: { id: `job_delivery_${i}`, title: `Delivery ${i}`, service: 'SEO', created_at: now },
          merchant: {
            id: `m_${i}`,
            name: `Merchant ${i}`,
            store: { domain: `s${i}.myshopify.com` },
          },
          conversation: { id: `conv_delivery_${i}` },
        },
      });
      return {
        body,
        headers: signedIntakeHeaders(INTAKE_SECRET, body, { timestampSeconds: timestamp }),
      };
    });
    const started = Date.now();
    const intake = await loader.closedLoop(requests, 8, 202);
    loader.close();
    if (intake.failures) throw new Error(`${intake.failures} intake requests failed`);
    o.log(`delivery: ${o.jobs} jobs taken in ${intake.seconds.toFixed(1)} s; draining`);

    const channel = slack.channel(JOBS_CHANNEL);
    const minimumSeconds = Math.max(0, o.jobs - o.burst) / o.perSecond;
    const deadline = Date.now() + (minimumSeconds * 3 + 120) * 1000;
    let lastReport = Date.now();
    while (channel.messages().length < o.jobs) {
      if (Date.now() > deadline) break;
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        o.log(
          `delivery: ${channel.messages().length}/${o.jobs} cards after ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
      }
      await sleep(200);
    }
    const errors = server.errors();
    if (errors.length)
      o.log(`delivery: jobdesk logged errors:\n  ${errors.slice(-5).join('\n  ')}`);
    const calls = slack.calls('chat.postMessage');
    if (process.env.BENCH_TRACE)
      console.log(
        calls
          .map((c) => `${c.at - started}:${c.status}:${String(c.args.text).slice(0, 40)}`)
          .join('\n'),
      );
    const accepted = calls.filter((c) => c.ok);
    const last = accepted.length ? Math.max(...accepted.map((c) => c.at)) : Date.now();
    const drainSeconds = (last - started) / 1000;
    return {
      jobs: o.jobs,
      drainSeconds,
      minimumSeconds,
      shareOfLimit: minimumSeconds / drainSeconds,
      postCalls: calls.length,
      rateLimited: calls.filter((c) => c.status === 429).length,
      intakeSeconds: intake.seconds,
      posted: channel.messages().length,
    };
  } finally {
    await server?.stop();
    await database?.drop();
    await slack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
