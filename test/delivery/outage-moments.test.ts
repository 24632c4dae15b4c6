// A Slack outage at different moments of the outbox's life — right after start, right after a
// burst, in the middle of one, and while the circuit's probe is in flight — always ends with every
// card posted exactly once, soon after Slack answers again (issue 17: the path used to depend
// on timing, so one moment passing proved nothing about the others).

import { type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { afterEach, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { JOBS_CHANNEL, type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';
import { drained, feed } from './support.ts';

const isRoot = (m: SlackMessage) => !m.thread_ts || m.thread_ts === m.ts;
const CIRCUIT = { threshold: 5, baseMs: 200, maxMs: 1000 };

let t: SlackTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(): Promise<SlackTestApp> {
  t = await startSlackTestApp({}, { circuit: CIRCUIT });
  return t;
}

let sent = 0;
async function jobs(app: SlackTestApp, n: number, parallel = 1): Promise<string[]> {
  const titles = Array.from({ length: n }, () => `Moment job ${String(++sent).padStart(4, '0')}`);
  const queue = [...titles];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let title = queue.shift(); title; title = queue.shift()) {
        expect(await feed(app.app.url, INTAKE_SECRET, jobCreatedWire({ title }))).toBe(202);
      }
    }),
  );
  return titles;
}

const outageCalls = (app: SlackTestApp) => app.slack.injectedFaults().length;

/** Slack is back: everything drains soon, and each title has exactly one card. */
async function expectEachCardOnce(app: SlackTestApp, titles: string[]): Promise<number> {
  const back = Date.now();
  await drained(app.app.database, 20_000);
  const cards = app.slack.channel(JOBS_CHANNEL).messages().filter(isRoot).map(visibleText);
  for (const title of titles) {
    expect(
      cards.filter((c) => c.includes(title)),
      title,
    ).toHaveLength(1);
  }
  return Date.now() - back;
}

describe('a Slack outage', () => {
  it('right after start', async () => {
    const app = await start();
    app.slack.setFault('*', { status: 500 });
    const titles = await jobs(app, 10);
    await app.slack.waitFor(() => outageCalls(app) >= CIRCUIT.threshold + 1, { timeoutMs: 10_000 });
    app.slack.clearFaults();
    await expectEachCardOnce(app, titles);
  });

  it('right after a burst', async () => {
    const app = await start();
    const before = await jobs(app, 20, 4);
    await app.settle();
    app.slack.setFault('*', { status: 500 });
    const during = await jobs(app, 10);
    await app.slack.waitFor(() => outageCalls(app) >= CIRCUIT.threshold + 1, { timeoutMs: 10_000 });
    app.slack.clearFaults();
    await expectEachCardOnce(app, [...before, ...during]);
  });

  it('in the middle of a burst', async () => {
    const app = await start();
    const burst = jobs(app, 40, 4);
    await app.slack.waitFor(() => app.slack.channel(JOBS_CHANNEL).messages().length >= 5, {
      timeoutMs: 10_000,
    });
    app.slack.setFault('*', { status: 500 });
    const titles = await burst;
    await app.slack.waitFor(() => outageCalls(app) >= CIRCUIT.threshold + 1, { timeoutMs: 10_000 });
    app.slack.clearFaults();
    await expectEachCardOnce(app, titles);
  });

  it('while the probe is in flight', async () => {
    const app = await start();
    app.slack.setFault('*', { status: 500 });
    const titles = await jobs(app, 10);
    await app.slack.waitFor(() => outageCalls(app) >= CIRCUIT.threshold, { timeoutMs: 10_000 });
    // The circuit is open: its next call is the probe. Make it hang, then end the outage while
    // it hangs, so the probe fails late, after Slack is back.
    const seen = outageCalls(app);
    app.slack.setFault('*', { status: 500, delayMs: 1500 });
    // The probe reached Slack (its fault is taken as the call arrives) and waits for its answer.
    await app.slack.waitFor(() => outageCalls(app) > seen, { timeoutMs: 10_000 });
    app.slack.clearFaults();
    await expectEachCardOnce(app, titles);
  });
});
