// The deadline clock really ticks on SCHEDULER_TICK (croner): here every second.

import { visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { JOBS_CHANNEL, type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';

const HOUR = 3_600_000;
let t: SlackTestApp;
beforeAll(async () => {
  // No digest: the first tick would post one, and when it names the job and lands after the card,
  // the channel's latest message about the job is the digest, not the card (a flaky failure seen
  // in CI: card, digest, then the card's update to Expired, and the test reading the digest).
  t = await startSlackTestApp({ schedulerTick: '* * * * * *', digest: undefined });
});
afterAll(async () => {
  await t?.close();
});

describe('SCHEDULER_TICK', () => {
  it('expires a job on its own, without anyone calling the clock', async () => {
    const answer = await t.intake(
      jobCreatedWire({ createdAt: new Date(t.clock.now.getTime() - 80 * HOUR), title: 'Too late' }),
    );
    const ref = String(answer.body.job);
    const card = await t.slack.waitFor(
      () => {
        const found = t.slack.channel(JOBS_CHANNEL).find(ref);
        return found && /Expired/.test(visibleText(found)) ? found : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(visibleText(card)).toMatch(/can't be acted on/);
  });
});
