// Dead deliveries are visible to admins and retryable from Slack: `/jobs outbox` lists what
// failed for good, and Retry puts it back; the card then renders the job as it is now.

import { visibleText } from '@jobdesk/fake-slack';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobEvents } from '../../src/db/schema.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { eventually } from '../slack/e2e/helpers.ts';
import {
  ADMIN,
  BOB,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../support/slack-test-app.ts';

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
});
afterAll(async () => {
  await t?.close();
});

const lastEphemeral = (user: string) => t.slack.ephemerals(user).at(-1);

describe('/jobs outbox', () => {
  it('shows admins what failed for good, and Retry delivers it', async () => {
    // The app was removed from the channel: Slack says not_in_channel, which no retry can fix.
    t.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const answer = await t.intake(jobCreatedWire({ title: 'Lost card' }));
    const ref = String(answer.body.job);
    expect(t.slack.channel(JOBS_CHANNEL).find(ref)).toBeUndefined();

    const seen = t.slack.ephemerals(ADMIN).length;
    await t.client.command('/jobs outbox', { user: ADMIN, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.ephemerals(ADMIN).length > seen);
    const list = lastEphemeral(ADMIN);
    expect(visibleText(list ?? { text: '' })).toMatch(/1 delivery failed for good/);
    expect(visibleText(list ?? { text: '' })).toContain(`The card of ${ref}`);
    expect(visibleText(list ?? { text: '' })).toContain('not_in_channel');

    await t.client.click('Retry all 1', { user: ADMIN, in: { ephemeral: true } });
    await t.slack.waitFor(() => t.slack.channel(JOBS_CHANNEL).find(ref));
    await t.settle();
    await t.slack.waitFor(() =>
      visibleText(lastEphemeral(ADMIN) ?? { text: '' }).includes('nothing failed'),
    );
    expect(visibleText(lastEphemeral(ADMIN) ?? { text: '' })).toMatch(
      /1 delivery is back in the outbox/,
    );
  });

  it('retries one row with its own button', async () => {
    t.slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 2);
    const first = String((await t.intake(jobCreatedWire({ title: 'First lost' }))).body.job);
    const second = String((await t.intake(jobCreatedWire({ title: 'Second lost' }))).body.job);
    const seen = t.slack.ephemerals(ADMIN).length;
    await t.client.command('/jobs outbox', { user: ADMIN, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.ephemerals(ADMIN).length > seen);
    expect(visibleText(lastEphemeral(ADMIN) ?? { text: '' })).toMatch(/2 deliveries failed/);

    await t.client.click(`Retry ${second} card`, { user: ADMIN, in: { ephemeral: true } });
    await t.slack.waitFor(() => t.slack.channel(JOBS_CHANNEL).find(second));
    await t.settle();
    expect(t.slack.channel(JOBS_CHANNEL).find(first)).toBeUndefined();
    await t.slack.waitFor(() =>
      visibleText(lastEphemeral(ADMIN) ?? { text: '' }).includes(`The card of ${first}`),
    );
  });

  it('refuses members who are not admins, and audits the refusal', async () => {
    const seen = t.slack.ephemerals(BOB).length;
    await t.client.command('/jobs outbox', { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.ephemerals(BOB).length > seen);
    expect(lastEphemeral(BOB)?.text).toMatch(/Only jobdesk admins can see and retry failed/);
    expect(visibleText(lastEphemeral(BOB) ?? { text: '' })).not.toMatch(/Retry/);
    const refusals = () =>
      t.app.database.db
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.action, 'refused'), eq(jobEvents.actor, BOB)));
    // The answer goes out first; the audit row follows it.
    await eventually(async () => (await refusals()).length > 0);
    expect((await refusals()).map((e) => e.details)).toEqual([
      { reason: 'not_admin', attempted: 'outbox' },
    ]);
  });
});
