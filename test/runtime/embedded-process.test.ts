// jobdesk as a process of its own on the embedded database (no DATABASE_URL): killed with SIGKILL
// in the middle of an intake burst it leaves its PostgreSQL running; the next start stops that
// one and starts its own, and every event accepted before the kill is there. A second jobdesk on
// the same DATA_DIR is refused with a clear reason, and a graceful stop stops the server too.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { isRunning } from '../../src/db/embedded/process-identity.ts';
import { intakeEvents } from '../../src/db/schema.ts';
import { offerIntakeEvent } from '../../src/http/intake/signed-post.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { type JobdeskProcess, spawnJobdesk, tempDataDir } from '../support/jobdesk-process.ts';

const SECRET = 'embedded-process-intake-secret';
const EVENTS = 40;

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

const offer = (url: string, body: { id: string }) => offerIntakeEvent(url, SECRET, body);

describe('jobdesk on its embedded database, as a process', () => {
  const dataDir = tempDataDir('embedded-process');
  const started: JobdeskProcess[] = [];
  const start = async (waitHealthy = true) => {
    const p = await spawnJobdesk({
      env: { DATA_DIR: dataDir, INTAKE_SIGNING_SECRET: SECRET, LOG_LEVEL: 'debug' },
      waitHealthy,
    });
    started.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of started) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    // A server left by the kill test if it failed half way.
    try {
      const pid = postmasterPid(dataDir);
      if (isRunning({ pid })) process.kill(pid, 'SIGINT');
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second jobdesk on the same DATA_DIR, naming the first', async () => {
    const first = await start();
    const second = await start(false);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.output()).toContain(
      `another jobdesk is already running on DATA_DIR ${dataDir} (pid ${first.child.pid}`,
    );
    // The first is unharmed, and its graceful stop stops its server too.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    const server = postmasterPid(dataDir);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).toContain('"msg":"stopped"');
    expect(isRunning({ pid: server })).toBe(false);
  }, 90_000);

  it('takes over after a SIGKILL under an intake burst, and keeps every accepted event', async () => {
    const first = await start();
    const events = Array.from({ length: EVENTS }, (_, i) =>
      jobCreatedWire({ title: `Kill burst ${i}` }),
    );
    const accepted = new Set<string>();
    let leftover: number | undefined;
    const queue = [...events];
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let event = queue.shift(); event; event = queue.shift()) {
          if (await offer(first.url, event)) accepted.add(event.id);
          if (accepted.size === EVENTS / 2 && leftover === undefined) {
            leftover = postmasterPid(dataDir);
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await first.exited;
    expect(leftover).toBeTypeOf('number');
    // SIGKILL leaves the server running, as it would after an out-of-memory kill.
    expect(isRunning({ pid: leftover as number })).toBe(true);

    const second = await start();
    expect(second.output()).toContain('left running by a jobdesk that did not stop');
    expect(isRunning({ pid: leftover as number })).toBe(false);
    const rest = events.filter((e) => !accepted.has(e.id));
    for (const event of rest) expect(await offer(second.url, event)).toBe(true);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const stored = new Set(
        (await database.db.select({ id: intakeEvents.eventId }).from(intakeEvents)).map(
          (r) => r.id,
        ),
      );
      console.info(
        `kill -9: ${JSON.stringify({ events: EVENTS, acceptedBeforeKill: accepted.size, stored: stored.size })}`,
      );
      for (const id of accepted) expect(stored.has(id), id).toBe(true);
      expect(stored.size).toBe(EVENTS);
    } finally {
      await database.close();
    }
  }, 120_000);
});
