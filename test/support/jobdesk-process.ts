import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/free-port.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** jobdesk started as a process of its own, the way a person or a service manager starts it. */
export interface JobdeskProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The variables that decide what time it is for a process: libfaketime's, when the suite runs
 * with the date moved (.ci/run's year-ahead run). A child jobdesk must run on the same clock as
 * the test that signs requests to it and reads its rows.
 */
export function clockEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME')),
    ),
  );
}

/** A fresh DATA_DIR (enterable by the user postgres, which runs the server when we are root). */
export function tempDataDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `jobdesk-${label}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Spawns `command` (default: jobdesk from source, one process so a signal reaches it alone) with
 * `env` on top of a minimal environment. `waitHealthy` waits until /healthz answers 200.
 */
export async function spawnJobdesk(options: {
  env: Record<string, string>;
  command?: string[];
  cwd?: string;
  waitHealthy?: boolean;
  timeoutMs?: number;
}): Promise<JobdeskProcess> {
  const [file, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const port = options.env.PORT ?? String(await freePort());
  const child = spawn(file as string, args, {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...clockEnv(),
      SCHEDULER_TICK: '0 0 1 1 *',
      DIGEST_HOUR: 'off',
      ...options.env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => chunks.push(String(chunk)));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const running: JobdeskProcess = {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => chunks.join(''),
    exited,
  };
  if (options.waitHealthy === false) return running;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`jobdesk exited before it was healthy:\n${running.output()}`);
    }
    const ok = await fetch(`${running.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return running;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`jobdesk was not healthy in time:\n${running.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
