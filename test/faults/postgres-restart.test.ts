// Postgres restarts while jobdesk takes a burst of events and delivers them. jobdesk recovers
// by itself — no restart, no one acting — and every event it accepted ends as exactly one card.
//
// The server restarted is an embedded PostgreSQL of this file's own (the one jobdesk runs when
// DATABASE_URL is unset), so nothing else on the machine is disturbed. `npm run test:faults`
// runs it, after the main suite.

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visibleText } from '@jobdesk/fake-slack';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embedded/server.ts';
import { jobs } from '../../src/db/schema.ts';
import { postSignedIntake } from '../../src/http/intake/signed-post.ts';
import { drained, outboxCounts } from '../delivery/support.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { JOBS_CHANNEL, type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';

const EVENTS = 60;

describe('Postgres restarted under load', () => {
  let server: EmbeddedServer;
  let t: SlackTestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'jobdesk-faults-'));
  beforeAll(async () => {
    // As root the server runs as the user postgres, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
    server = await startEmbeddedPostgres({ dataDir, maxConnections: 300 });
    t = await startSlackTestApp(
      {},
      { circuit: { baseMs: 200, maxMs: 1000 } },
      { serverUrl: server.urlFor('postgres') },
    );
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function offer(body: unknown): Promise<number> {
    const raw = JSON.stringify(body);
    try {
      const res = await postSignedIntake(`${t.app.url}/intake/events`, INTAKE_SECRET, raw);
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  it('recovers without help and loses nothing it accepted', async () => {
    const events = Array.from({ length: EVENTS }, (_, i) =>
      jobCreatedWire({ title: `Restart burst ${i}` }),
    );
    let accepted = 0;
    let refused = 0;
    const health: number[] = [];
    let restarting: Promise<unknown> | undefined;
    let restartStarted = 0;
    let restarted = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        health.push(
          await fetch(`${t.app.url}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    // A feeder that keeps offering each event until jobdesk takes it.
    const queue = [...events];
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let event = queue.shift(); event; event = queue.shift()) {
          for (;;) {
            const status = await offer(event);
            if (status === 202 || status === 200) break;
            refused += 1;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          accepted += 1;
          if (accepted === EVENTS / 3 && !restarting) {
            restartStarted = Date.now();
            restarting = server.restart().then(() => {
              restarted = Date.now();
            });
          }
        }
      }),
    );
    await restarting;
    const cards = () => {
      const perJob = new Map<string, number>();
      for (const m of t.slack.channel(JOBS_CHANNEL).messages()) {
        const ref = /J-\d+/.exec(visibleText(m))?.[0];
        if (ref) perJob.set(ref, (perJob.get(ref) ?? 0) + 1);
      }
      return perJob;
    };
    await t.slack.waitFor(() => cards().size === EVENTS, { timeoutMs: 60_000 });
    await drained(t.app.database, 30_000);
    const drainMs = Date.now() - restartStarted;
    watching = false;
    await watcher;

    const [stored] = await t.app.database.db.select({ n: count() }).from(jobs);
    const perJob = cards();
    const duplicates = [...perJob.values()].filter((n) => n > 1).length;
    console.info(
      `postgres restart: ${JSON.stringify({
        events: EVENTS,
        refusedWhileDown: refused,
        jobs: Number(stored?.n),
        cards: perJob.size,
        duplicates,
        healthzNot200: health.filter((s) => s !== 200).length,
        restartMs: restarted - restartStarted,
        allDeliveredMsAfterRestartBegan: drainMs,
      })}`,
    );
    expect(Number(stored?.n)).toBe(EVENTS);
    expect(perJob.size).toBe(EVENTS);
    expect(duplicates).toBe(0);
    expect(await outboxCounts(t.app.database)).toEqual({ waiting: 0, dead: 0 });
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
