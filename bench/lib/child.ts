import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Servers this process started: never left running when the benchmark ends or is interrupted.
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

export interface ServerProcess {
  name: string;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Resident memory now, in MiB (from /proc). */
  rssMiB(): number;
  /** What the process wrote to stderr (errors), last lines. */
  errors(): string[];
  stop(): Promise<void>;
  /** kill -9: no shutdown at all, as a crash or an OOM kill ends it; resolves once it is gone. */
  kill(): Promise<void>;
}

/**
 * BENCH_JOBDESK_NODE_FLAGS="--max-semi-space-size=32": Node flags for jobdesk's processes only
 * (not the baselines), to try a flag before it goes into jobdesk's start.
 */
export function jobdeskNodeFlags(): string[] {
  return (process.env.BENCH_JOBDESK_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Starts `entry` (relative to the repository) as `node --import tsx <entry>` (or plain
 * `node <entry>`), and waits for the line that says where it listens.
 */
export async function startServer(
  name: string,
  entry: string,
  env: Record<string, string>,
  /** `plain`: `node <entry>` on compiled JavaScript, as production starts it (no tsx). */
  how: { plain?: boolean } = {},
): Promise<ServerProcess> {
  // BENCH_CPU_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops (open it in
  // Chrome's DevTools), to see where a figure's time goes.
  const profile = process.env.BENCH_CPU_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  if (name.startsWith('jobdesk')) flags.push(...jobdeskNodeFlags());
  const loader = how.plain ? [] : ['--import', 'tsx'];
  const child: ChildProcess = spawn(process.execPath, [...flags, ...loader, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  const errors: string[] = [];
  const noteError = (line: string) => {
    // A failed query's message holds the whole statement: keep its start and the cause at its end.
    errors.push(line.length > 1500 ? `${line.slice(0, 300)} … ${line.slice(-1200)}` : line);
    if (errors.length > 50) errors.splice(0, errors.length - 50);
  };
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line) noteError(line);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in 60 s:\n${out}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      // jobdesk logs JSON lines to stdout: keep its errors (pino level 50 and up) with stderr's.
      for (const line of text.split('\n')) {
        if (/"level":(5|6)0/.test(line)) noteError(line);
      }
      out += text;
      const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
      // Keep reading (and dropping) what it logs, so its pipe never fills up.
      if (out.length > 100_000) out = out.slice(-1000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${out}\n${errors.join('\n')}`));
    });
  });
  const pid = child.pid as number;
  return {
    name,
    pid,
    url: `http://127.0.0.1:${port}`,
    rssMiB: () => rssMiB(pid),
    errors: () => [...errors],
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples resident memory every `everyMs` while running; `take()` returns and clears the samples. */
export class RssSampler {
  private samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(server: ServerProcess, everyMs = 100) {
    this.timer = setInterval(() => {
      const rss = server.rssMiB();
      if (Number.isFinite(rss)) this.samples.push(rss);
    }, everyMs);
    this.timer.unref();
  }

  take(): number[] {
    const taken = this.samples;
    this.samples = [];
    return taken;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
