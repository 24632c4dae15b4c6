// A modal must open within its trigger's 3 seconds (the fake Slack refuses older triggers with
// expired_trigger_id, as Slack does), even behind a burst of 200 clicks whose work is still
// queued in the ack-first lane: trigger-bound work goes first (issue 16, item 3).

import { describe, expect, it } from 'vitest';
import { ADMIN, ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { cardOf, newJob } from './helpers.ts';

const t = useSlackTestApp();

describe('a modal behind a burst of clicks', () => {
  it('opens within its trigger time while 200 other clicks wait their turn', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 4; i++) {
      numbers.push((await newJob(t)).number);
    }
    const cards = numbers.map((n) => cardOf(t, n));
    // Each click's answer (an ephemeral through its response_url) takes 300 ms: 200 of them
    // through the lane's 10 slots keep it busy for about 6 s, twice a trigger's life.
    t.slack.setFault('response_url', { delayMs: 300 });
    const burst = Array.from({ length: 200 }, (_, i) =>
      t.client.click('Assign to me', {
        user: i % 2 ? ALICE : BOB,
        in: { channel: JOBS_CHANNEL, ts: (cards[i % cards.length] as { ts: string }).ts },
      }),
    );
    // Every click of the burst is acked: their work waits in the lane. Now the Reply click.
    await Promise.all(burst);
    await t.client.click('Reply', {
      user: ADMIN,
      in: { channel: JOBS_CHANNEL, ts: (cards[0] as { ts: string }).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ADMIN), { timeoutMs: 20_000 });
    t.slack.clearFaults();
    const opens = t.slack.calls('views.open');
    expect(opens.filter((c) => c.error === 'expired_trigger_id')).toEqual([]);
    expect(t.slack.openView(ADMIN)?.callback_id).toBe('reply_modal');
    await t.settle();
  }, 90_000);
});
