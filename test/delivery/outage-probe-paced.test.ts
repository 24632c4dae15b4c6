// Issue 17's reproduction: Slack answers 500 to everything for 8 seconds while ten jobs arrive
// one after another, with the real pacing (about one post a second per channel). The failed
// attempts spend the channel's slots, so when the circuit's probe comes it has no slot soon and
// is put off by the pacer. That probe never reached Slack: it must end, not hold the circuit.

import { type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { JOBS_CHANNEL, type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';
import { drained, feed } from './support.ts';

const isRoot = (m: SlackMessage) => !m.thread_ts || m.thread_ts === m.ts;

let t: SlackTestApp;
beforeAll(async () => {
  // Slack's own pace and jobdesk's default circuit: nothing tuned to make the probe lucky.
  t = await startSlackTestApp({}, { pacing: {} });
});
afterAll(async () => {
  await t?.close();
});

describe('a short Slack outage with the channel paced', () => {
  it('delivers every card within seconds of Slack coming back', async () => {
    await feed(t.app.url, INTAKE_SECRET, jobCreatedWire({ title: 'Before the outage' }));
    await t.settle();
    expect(t.slack.channel(JOBS_CHANNEL).messages().filter(isRoot)).toHaveLength(1);

    t.slack.setFault('*', { status: 500 });
    const outageEnds = Date.now() + 8000;
    for (let i = 0; i < 10; i++) {
      expect(
        await feed(t.app.url, INTAKE_SECRET, jobCreatedWire({ title: `Outage job ${i}` })),
      ).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - Date.now())));
    const failed = t.slack.injectedFaults().length;
    expect(failed).toBeGreaterThanOrEqual(5); // enough to open the circuit
    t.slack.clearFaults();
    const back = Date.now();

    // The first card of the outage goes within seconds; then eleven cards at about one a second
    // (three at once after a quiet spell): ten seconds of pacing, plus at most one cool-down of
    // the circuit (30 s at most by default).
    const roots = () => t.slack.channel(JOBS_CHANNEL).messages().filter(isRoot).length;
    await t.slack.waitFor(() => roots() > 1, { timeoutMs: 45_000 });
    const firstMs = Date.now() - back;
    await drained(t.app.database, 45_000);
    const cards = t.slack.channel(JOBS_CHANNEL).messages().filter(isRoot).map(visibleText);
    expect(cards).toHaveLength(11);
    for (let i = 0; i < 10; i++) {
      expect(cards.filter((c) => c.includes(`Outage job ${i}`))).toHaveLength(1);
    }
    console.info(
      `outage probe: ${JSON.stringify({ failed, firstMs, drainMs: Date.now() - back })}`,
    );
  }, 90_000);
});

describe('the delivery watchdog', () => {
  it('reports stuck delivery on /healthz and /metrics while Slack is down, and recovers', async () => {
    const w = await startSlackTestApp(
      {},
      { stuckAfterMs: 300, circuit: { threshold: 2, baseMs: 200, maxMs: 200 } },
    );
    try {
      w.slack.setFault('*', { status: 500 });
      expect(await feed(w.app.url, INTAKE_SECRET, jobCreatedWire({ title: 'Stuck' }))).toBe(202);
      const health = async () => {
        const res = await fetch(`${w.app.url}/healthz`);
        return { status: res.status, body: (await res.json()) as { checks: { outbox: unknown } } };
      };
      await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(503);
      expect(String((await health()).body.checks.outbox)).toMatch(
        /^failing: delivery stuck: \d+ rows waiting, one due for \d+ s, nothing delivered for \d+ s/,
      );
      const metrics = await (await fetch(`${w.app.url}/metrics`)).text();
      expect(metrics).toMatch(
        /jobdesk_delivery_circuit_state\{target="slack",state="(open|probing)"\} 1/,
      );
      expect(metrics).toMatch(/jobdesk_delivery_circuit_state\{target="slack",state="closed"\} 0/);
      const due = /^jobdesk_outbox_oldest_due_age_seconds (\S+)$/m.exec(metrics)?.[1];
      expect(Number(due)).toBeGreaterThan(0.3);

      w.slack.clearFaults();
      await w.settle();
      expect((await health()).status).toBe(200);
      const after = await (await fetch(`${w.app.url}/metrics`)).text();
      expect(after).toMatch(/^jobdesk_outbox_oldest_due_age_seconds 0$/m);
    } finally {
      await w.close();
    }
  }, 60_000);
});
