// Posts to one channel are paced at Slack's one message a second, after a burst of three, and a
// 429 pauses the channel for its Retry-After. Checked on the fake Slack's record of when each
// post arrived, as lower bounds only (a slow machine can only spread posts further apart).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { JOBS_CHANNEL, type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';
import { drained, feed } from './support.ts';

let t: SlackTestApp;
beforeAll(async () => {
  // Slack's limit: 1 post a second per channel, bursts of 3 (production paces 5% under it).
  t = await startSlackTestApp({}, { pacing: { perSecond: 1, burst: 3 } });
});
afterAll(async () => {
  await t?.close();
});

async function accept(body: unknown): Promise<void> {
  expect(await feed(t.app.url, INTAKE_SECRET, body)).toBe(202);
}

const posts = () =>
  t.slack
    .calls('chat.postMessage')
    .filter((c) => c.ok && c.args.channel === JOBS_CHANNEL)
    .map((c) => c.at);

/** Allowance for timers and clocks (setTimeout can fire a millisecond early). */
const SLACK_MS = 50;

describe('pacing posts per channel', () => {
  it('sends a burst of six new jobs as three at once, then one a second', async () => {
    const before = posts().length;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => accept(jobCreatedWire({ title: `Paced ${i}` }))),
    );
    await drained(t.app.database, 20_000);
    const at = posts().slice(before);
    expect(at).toHaveLength(6);
    const first = at[0] ?? 0;
    // The k-th post (k ≥ 3) may go no earlier than k - 2 seconds after the first.
    for (const [k, when] of at.entries()) {
      expect(when - first, `post ${k}`).toBeGreaterThanOrEqual(
        Math.max(0, k - 2) * 1000 - SLACK_MS,
      );
    }
    expect(t.slack.calls('chat.postMessage').filter((c) => c.status === 429)).toEqual([]);
  });

  it("waits out Slack's Retry-After before posting to that channel again", async () => {
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await accept(jobCreatedWire({ title: 'Rate limited' }));
    await accept(jobCreatedWire({ title: 'Right behind it' }));
    await drained(t.app.database, 20_000);
    const limited = t.slack.calls('chat.postMessage').find((c) => c.status === 429);
    if (!limited) throw new Error('no 429 was injected');
    const after = posts().filter((at) => at >= limited.at);
    expect(after).toHaveLength(2);
    for (const at of after) expect(at - limited.at).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(t.slack.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
  });
});
