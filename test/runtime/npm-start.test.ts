// The README's start, `npm start` (after `npm ci`, which this run has done): it builds, then
// execs plain node on dist/, so a SIGTERM sent to npm — what a service manager or `docker stop`
// sends to the command it started — reaches jobdesk, which stops gracefully, its embedded
// PostgreSQL with it.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning } from '../../src/db/embedded/process-identity.ts';
import { type JobdeskProcess, spawnJobdesk, tempDataDir } from '../support/jobdesk-process.ts';

describe('npm start', () => {
  const dataDir = tempDataDir('npm-start');
  let started: JobdeskProcess | undefined;
  afterAll(() => {
    if (started?.child.exitCode === null) started.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops gracefully, embedded database included, on a SIGTERM sent to npm', async () => {
    started = await spawnJobdesk({
      command: ['npm', 'start'],
      env: { DATA_DIR: dataDir },
      timeoutMs: 150_000,
    });
    const server = Number(
      readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(isRunning({ pid: server })).toBe(true);

    started.child.kill('SIGTERM');
    const exit = await started.exited;
    const output = started.output();
    expect(output).toContain('"signal":"SIGTERM","msg":"stopping: finishing deliveries in flight"');
    expect(output).toContain('"msg":"stopped"');
    expect(exit).toEqual({ code: 0, signal: null });
    // Nothing left behind: not the app, not its server.
    expect(isRunning({ pid: server })).toBe(false);
    expect(output).not.toContain('second signal');
  }, 180_000);
});
