/**
 * Measurement 6: the production start (`node dist/main.js`, after `npm run build`) — time from
 * spawn to a 200 on /healthz, and the resident memory of the whole process tree (jobdesk and, on
 * the embedded default, its PostgreSQL with every backend) after it sat idle — for the embedded
 * default on a first start (a new DATA_DIR) and on a later one, for Postgres (DATABASE_URL), and
 * for a bare Bolt app (compiled the same way, time to its first HTTP answer) in the same run.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '@jobdesk/fake-slack';
import ts from 'typescript';
import { INTAKE_SECRET, SIGNING_SECRET } from './ack-latency.ts';
import { createDatabase } from './lib/postgres.ts';
import { type TreeMemory, treeMemory } from './lib/process-tree.ts';
import { median } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const JOBS_CHANNEL = 'C0JOBS';

export const START_SYSTEMS = ['embedded-first', 'embedded-again', 'postgres', 'bare'] as const;
export type StartSystem = (typeof START_SYSTEMS)[number];

export interface StartupOptions {
  rounds: number;
  /** How long each start sits idle before its memory is read. */
  idleMs: number;
  log: (line: string) => void;
}

export interface StartupResult {
  healthyMs: Record<StartSystem, number[]>;
  idle: Record<StartSystem, TreeMemory[]>;
  median: Record<StartSystem, { healthyMs: number; rssMiB: number; pssMiB: number }>;
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
}

async function startAndTime(
  entry: string,
  env: Record<string, string>,
  port: number,
  ready: (res: Response) => boolean,
): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c) => {
    stderr = `${stderr}${c}`.slice(-4000);
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      async (res) => {
        await res.arrayBuffer();
        return ready(res);
      },
      () => false,
    );
    if (ok) return { child, healthyMs: performance.now() - began };
    if (performance.now() - began > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`${entry} not ready in 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

let nextPort = 0;
function port(): number {
  nextPort = nextPort ? nextPort + 1 : 20_000 + Math.floor(Math.random() * 20_000);
  return nextPort;
}

export async function measureStartup(o: StartupOptions): Promise<StartupResult> {
  const bare = build();
  const main = join(ROOT, 'dist/main.js');
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  const env = {
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_JOBS_CHANNEL: JOBS_CHANNEL,
    INTAKE_SIGNING_SECRET: INTAKE_SECRET,
    SCHEDULER_TICK: '0 0 1 1 *',
    DIGEST_HOUR: 'off',
    LOG_LEVEL: 'warn',
  };
  const result: StartupResult = {
    healthyMs: Object.fromEntries(START_SYSTEMS.map((s) => [s, []])) as never,
    idle: Object.fromEntries(START_SYSTEMS.map((s) => [s, []])) as never,
    median: {} as StartupResult['median'],
  };
  const record = async (system: StartSystem, started: Started) => {
    await new Promise((r) => setTimeout(r, o.idleMs));
    const memory = treeMemory(started.child.pid as number);
    result.healthyMs[system].push(started.healthyMs);
    result.idle[system].push(memory);
    o.log(
      `start: ${system}: healthy in ${started.healthyMs.toFixed(0)} ms; idle ${memory.rssMiB.toFixed(0)} MiB RSS (${memory.pssMiB.toFixed(0)} MiB PSS) over ${memory.processes} processes`,
    );
    await stop(started.child);
  };
  const healthy = (res: Response) => res.status === 200;
  try {
    for (let round = 0; round < o.rounds; round++) {
      await record('bare', await startAndTime(bare, env, port(), () => true));

      const database = await createDatabase(`start_${round}`);
      try {
        await record(
          'postgres',
          await startAndTime(main, { ...env, DATABASE_URL: database.url }, port(), healthy),
        );
      } finally {
        await database.drop();
      }

      const dataDir = mkdtempSync(join(tmpdir(), 'jobdesk-bench-start-'));
      chmodSync(dataDir, 0o755);
      try {
        const embedded = { ...env, DATA_DIR: dataDir };
        await record('embedded-first', await startAndTime(main, embedded, port(), healthy));
        await record('embedded-again', await startAndTime(main, embedded, port(), healthy));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await slack.stop();
  }
  for (const system of START_SYSTEMS) {
    result.median[system] = {
      healthyMs: median(result.healthyMs[system]),
      rssMiB: median(result.idle[system].map((m) => m.rssMiB)),
      pssMiB: median(result.idle[system].map((m) => m.pssMiB)),
    };
  }
  return result;
}
