import { describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../../fixtures/intake-events.ts';
import { ALICE, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import {
  auditOf,
  cardOf,
  labelsOf,
  lastEphemeral,
  newJob,
  numberOf,
  storedJob,
  textOf,
} from './helpers.ts';

const HOUR = 3_600_000;
const t = useSlackTestApp();

describe('an expired job', () => {
  it('refuses a click on a card whose 72 hours ran out before the sweep got to it', async () => {
    const { number } = await newJob(t);
    const stale = cardOf(t, number);
    t.clock.now = new Date(t.clock.now.getTime() + 73 * HOUR);
    await t.client.click('Reply', { user: ALICE, in: { channel: JOBS_CHANNEL, ts: stale.ts } });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes('expired'));
    expect(lastEphemeral(t, ALICE)).toMatch(
      new RegExp(`J-${number} expired .* expired jobs can't be acted on`),
    );
    expect(t.slack.openView(ALICE)).toBeUndefined();
  });

  it('is swept: its card keeps only View conversation and says why, and every command is refused', async () => {
    const number = numberOf(
      await t.intake(jobCreatedWire({ createdAt: new Date(t.clock.now.getTime() - 80 * HOUR) })),
    );
    expect(await t.app.services.expireDueJobs(t.app.workspaceId)).toBeGreaterThanOrEqual(1);
    await t.settle();
    expect((await storedJob(t, number)).status).toBe('expired');
    const card = cardOf(t, number);
    // Like a declined card: what only reads stays.
    expect(labelsOf(card)).toEqual(['View conversation']);
    await t.client.click('View conversation', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'job_details_modal');
    t.slack.closeView(ALICE, true);
    expect(textOf(card)).toMatch(/Expired/);
    expect(textOf(card)).toMatch(/can't be acted on/);

    for (const command of [
      `reply J-${number} Sorry for the delay`,
      `assign J-${number} me`,
      `decline J-${number} budget`,
      `inactive J-${number}`,
      `complete J-${number}`,
      `reopen J-${number}`,
    ]) {
      const before = t.slack.ephemerals(ALICE).length;
      await t.client.command(`/jobs ${command}`, { user: ALICE, channel: JOBS_CHANNEL });
      await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > before);
      expect(lastEphemeral(t, ALICE), command).toMatch(/expired/);
    }
    const audit = await auditOf(t, number);
    expect(audit.map((e) => e.action)).toEqual(['create', 'expire']);
  });
});
