/**
 * Measurement 6: the production start (`node dist/main.js`, after `npm run build`) — time from
 * spawn to a 200 on /healthz, and the resident memory of the whole process tree (jobdesk and, on
 * the embedded default, its PostgreSQL with every backend) after it sat idle and then under the
 * ack bursts — for the embedded default on a first start (a new DATA_DIR) and on a later one, for
 * Postgres (DATABASE_URL), and for a bare Bolt app (compiled the same way, time to its first
 * HTTP answer) in the same run.
 *
 * The starts are timed strictly one after another, each while the ones before it sit idle, and
 * the started processes then sit out their idle time together. A later start needs the first
 * start on its DATA_DIR stopped, so it begins the next group: group k starts the later start of
 * round k-1, then round k's bare Bolt, Postgres and first start; each is read once it has been
 * idle `idleMs`; then the first start stops and the others get their bursts, one app at a time;
 * then all stop, before group k+1 starts anything.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlack, type SlackUser } from '@jobdesk/fake-slack';
import ts from 'typescript';
import { freePort } from '../src/free-port.ts';
import { jobdeskNodeFlags } from './lib/child.ts';
import { INTAKE_SECRET, SIGNING_SECRET } from './lib/jobdesk-env.ts';
import { createDatabase } from './lib/postgres.ts';
import { type TreeMemory, treeMemory } from './lib/process-tree.ts';
import { memberId } from './lib/seed.ts';
import type { Card } from './lib/slack-requests.ts';
import { median, sleep } from './lib/stats.ts';
import {
  type BurstMemory,
  type BurstPlan,
  intakeJobs,
  memoryUnderBursts,
} from './startup-bursts.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const JOBS_CHANNEL = 'C0JOBS';

export const START_SYSTEMS = ['embedded-first', 'embedded-again', 'postgres', 'bare'] as const;
export type StartSystem = (typeof START_SYSTEMS)[number];
/** The starts that get the bursts after their idle read, in the order they get them. */
export const BURST_SYSTEMS = ['postgres', 'bare', 'embedded-again'] as const;
export type BurstSystem = (typeof BURST_SYSTEMS)[number];

export interface StartupOptions {
  rounds: number;
  /** How long each start sits idle before its memory is read. */
  idleMs: number;
  /** The bursts each of BURST_SYSTEMS gets in each round. */
  bursts: BurstPlan;
  /** Jobs created through the intake API before jobdesk's bursts. */
  jobs: number;
  log: (line: string) => void;
}

export interface BurstFigures {
  /** Of the tree's RSS over every sample of every round's bursts. */
  medianMiB: number;
  peakMiB: number;
  pssMedianMiB: number;
  samples: number;
  requests: number;
  failures: number;
  unanswered: number;
}

export interface StartupResult {
  healthyMs: Record<StartSystem, number[]>;
  idle: Record<StartSystem, TreeMemory[]>;
  median: Record<StartSystem, { healthyMs: number; rssMiB: number; pssMiB: number }>;
  /** Each round's bursts. */
  bursts: Record<BurstSystem, BurstMemory[]>;
  underBursts: Record<BurstSystem, BurstFigures>;
}

/** Builds dist/ as production does, and the bare Bolt app beside it as plain JavaScript. */
function build(): string {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const source = readFileSync(join(ROOT, 'bench/servers/bare-bolt.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
  const bare = join(ROOT, 'dist/bench/bare-bolt.mjs');
  writeFileSync(bare, outputText);
  return bare;
}

interface Started {
  child: ChildProcess;
  healthyMs: number;
  /** performance.now() at the first healthy answer: the idle time counts from here. */
  healthyAt: number;
}

async function startAndTime(
  entry: string,
  env: Record<string, string>,
  port: number,
  ready: (res: Response) => boolean,
  nodeFlags: string[],
): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // What it printed last, both streams (jobdesk logs a refused start to stdout, as a JSON line).
  let printed = '';
  const keep = (c: Buffer) => {
    printed = `${printed}${c}`.slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited: ${printed}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      async (res) => {
        await res.arrayBuffer();
        return ready(res);
      },
      () => false,
    );
    const now = performance.now();
    if (ok) return { child, healthyMs: now - began, healthyAt: now };
    if (now - began > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`${entry} not ready in 60 s: ${printed}`);
    }
    await sleep(10);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const MEMBERS = 50;

/** A fake Slack for one started process (and its bursts' answers), with the people who click. */
async function fakeSlack(): Promise<{ slack: FakeSlack; users: SlackUser[] }> {
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  const users = Array.from({ length: MEMBERS }, (_, i) =>
    slack.addUser({ id: memberId(i), name: `member${i}` }),
  );
  return { slack, users };
}

interface Running extends Started {
  system: StartSystem;
  round: number;
  port: number;
  slack: FakeSlack;
  users: SlackUser[];
}

function burstFigures(runs: BurstMemory[]): BurstFigures {
  const samples = runs.flatMap((r) => r.samples);
  const rss = samples.map((m) => m.rssMiB);
  return {
    medianMiB: median(rss),
    peakMiB: rss.length ? Math.max(...rss) : Number.NaN,
    pssMedianMiB: median(samples.map((m) => m.pssMiB)),
    samples: samples.length,
    requests: runs.reduce((n, r) => n + r.requests, 0),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    unanswered: runs.reduce((n, r) => n + r.unanswered, 0),
  };
}

export async function measureStartup(o: StartupOptions): Promise<StartupResult> {
  const bare = build();
  const main = join(ROOT, 'dist/main.js');
  const envFor = (slack: FakeSlack) => ({
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_JOBS_CHANNEL: JOBS_CHANNEL,
    INTAKE_SIGNING_SECRET: INTAKE_SECRET,
    // The cards of the jobs created before the bursts go up in seconds rather than at Slack's
    // one a second (the fake does not limit them); nothing is posted before the idle reads.
    SLACK_CHANNEL_POSTS_PER_SECOND: '100',
    SCHEDULER_TICK: '0 0 1 1 *',
    DIGEST_HOUR: 'off',
    LOG_LEVEL: 'warn',
  });
  const result: StartupResult = {
    healthyMs: Object.fromEntries(START_SYSTEMS.map((s) => [s, []])) as never,
    idle: Object.fromEntries(START_SYSTEMS.map((s) => [s, []])) as never,
    median: {} as StartupResult['median'],
    bursts: Object.fromEntries(BURST_SYSTEMS.map((s) => [s, []])) as never,
    underBursts: {} as StartupResult['underBursts'],
  };
  const healthy = (res: Response) => res.status === 200;
  let dataDirs: string[] = [];
  // The DATA_DIR of the last group's first start: the next group's later start runs on it.
  let carried: { dataDir: string; round: number } | undefined;
  try {
    for (let group = 0; group <= o.rounds; group++) {
      const running: Running[] = [];
      const cleanups: (() => Promise<void>)[] = [];
      const launch = async (
        system: StartSystem,
        round: number,
        entry: string,
        extra: Record<string, string>,
      ) => {
        const { slack, users } = await fakeSlack();
        cleanups.push(() => slack.stop());
        // A port the kernel picked: a guessed one could be an embedded server's, or in use by a
        // connection (a later start once failed to listen on one).
        const at = await freePort();
        const env = { ...envFor(slack), ...extra };
        const started = await startAndTime(
          entry,
          env,
          at,
          entry === bare ? () => true : healthy,
          entry === bare ? [] : jobdeskNodeFlags(),
        );
        running.push({ ...started, system, round, port: at, slack, users });
      };
      try {
        // The starts, one after another; each is timed while the ones before it sit idle.
        if (carried) {
          await launch('embedded-again', carried.round, main, { DATA_DIR: carried.dataDir });
        }
        if (group < o.rounds) {
          await launch('bare', group, bare, {});
          const database = await createDatabase(`start_${group}`);
          cleanups.push(() => database.drop());
          await launch('postgres', group, main, { DATABASE_URL: database.url });
          const dataDir = mkdtempSync(join(tmpdir(), 'jobdesk-bench-start-'));
          // As root the embedded server runs as the user postgres, which must be able to enter it.
          chmodSync(dataDir, 0o755);
          dataDirs.push(dataDir);
          await launch('embedded-first', group, main, { DATA_DIR: dataDir });
          carried = { dataDir, round: group };
        } else {
          carried = undefined;
        }

        // Each read once its own process has been idle idleMs.
        for (const r of running) {
          await sleep(r.healthyAt + o.idleMs - performance.now());
          const memory = treeMemory(r.child.pid as number);
          result.healthyMs[r.system].push(r.healthyMs);
          result.idle[r.system].push(memory);
          o.log(
            `start: ${r.system} (round ${r.round + 1}): healthy in ${r.healthyMs.toFixed(0)} ms; idle ${memory.rssMiB.toFixed(0)} MiB RSS (${memory.pssMiB.toFixed(0)} MiB PSS) over ${memory.processes} processes`,
          );
          // Its DATA_DIR is the next group's later start.
          if (r.system === 'embedded-first') await stop(r.child);
        }

        // The bursts, one app at a time. The bare app gets clicks on Postgres mode's cards (it
        // only acks them): the same payloads jobdesk got.
        let cards: Card[] = [];
        for (const system of BURST_SYSTEMS) {
          const r = running.find((x) => x.system === system);
          if (!r) continue;
          const target = {
            pid: r.child.pid as number,
            url: `http://127.0.0.1:${r.port}`,
            slack: r.slack,
            users: r.users,
            channel: JOBS_CHANNEL,
            answers: system !== 'bare',
          };
          if (target.answers) cards = await intakeJobs(target, o.jobs);
          const memory = await memoryUnderBursts(target, cards, o.bursts);
          result.bursts[system].push(memory);
          const f = burstFigures([memory]);
          o.log(
            `start: ${system} (round ${r.round + 1}): under ${memory.requests} requests in bursts, median ${f.medianMiB.toFixed(0)} MiB, peak ${f.peakMiB.toFixed(0)} MiB RSS (${f.samples} samples)${memory.failures ? `; ${memory.failures} acks not 200` : ''}${memory.unanswered ? `; ${memory.unanswered} unanswered` : ''}`,
          );
        }
      } finally {
        for (const r of running) await stop(r.child);
        for (const cleanup of cleanups) await cleanup();
        // Every DATA_DIR but the one the next group's later start runs on.
        for (const dir of dataDirs) {
          if (dir !== carried?.dataDir) rmSync(dir, { recursive: true, force: true });
        }
        dataDirs = carried ? [carried.dataDir] : [];
      }
    }
  } finally {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
  for (const system of START_SYSTEMS) {
    result.median[system] = {
      healthyMs: median(result.healthyMs[system]),
      rssMiB: median(result.idle[system].map((m) => m.rssMiB)),
      pssMiB: median(result.idle[system].map((m) => m.pssMiB)),
    };
  }
  for (const system of BURST_SYSTEMS) {
    result.underBursts[system] = burstFigures(result.bursts[system]);
  }
  return result;
}
