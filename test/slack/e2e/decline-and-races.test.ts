import { describe, expect, it } from 'vitest';
import { ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import {
  auditOf,
  cardOf,
  eventually,
  labelsOf,
  lastEphemeral,
  newJob,
  storedJob,
  textOf,
} from './helpers.ts';

const t = useSlackTestApp();

describe('declining', () => {
  it('declines from "More actions" with a reason and a note, and the card closes', async () => {
    const { number } = await newJob(t);
    const card = cardOf(t, number);
    await t.client.click('Decline', { user: ALICE, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'decline_modal');
    const result = await t.client.submitView({
      user: ALICE,
      values: { decline_reason: 'no_capacity', decline_note: 'Fully booked until March' },
    });
    expect(result.errors).toBeUndefined();
    await t.settle();
    expect(await storedJob(t, number)).toMatchObject({
      status: 'declined',
      declineReason: 'no_capacity',
      declineNote: 'Fully booked until March',
      declinedBy: 'team',
    });
    const closed = cardOf(t, number);
    expect(textOf(closed)).toMatch(/Declined/);
    expect(textOf(closed)).toContain('No capacity right now');
    expect(labelsOf(closed)).not.toContain('Reply');
    expect(labelsOf(closed)).not.toContain('Assign to me');
  });

  it('keeps the modal open with the problem on the field when "Other" has no note', async () => {
    const { number } = await newJob(t);
    await t.client.click('Decline', {
      user: BOB,
      in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'decline_modal');
    const result = await t.client.submitView({ user: BOB, values: { decline_reason: 'other' } });
    expect(result.responseAction).toBe('errors');
    expect(result.errors?.decline_note).toMatch(/Other/);
    expect((await storedJob(t, number)).status).toBe('new');
    t.slack.closeView(BOB, true);
  });

  it('declines with /jobs decline and a reason in words', async () => {
    const { number } = await newJob(t);
    await t.client.command(`/jobs decline J-${number} budget too small`, {
      user: BOB,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => lastEphemeral(t, BOB).includes(`J-${number} is declined`));
    await t.settle();
    expect(await storedJob(t, number)).toMatchObject({
      status: 'declined',
      declineReason: 'budget',
    });
    expect(lastEphemeral(t, BOB)).toContain(`J-${number} is declined`);
  });

  it('opens the decline modal for /jobs decline without a reason', async () => {
    const { number } = await newJob(t);
    await t.client.command(`/jobs decline #${number}`, { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'decline_modal');
    t.slack.closeView(BOB, true);
    expect((await storedJob(t, number)).status).toBe('new');
  });
});

describe('two members at the same moment', () => {
  it('both "Assign to me" clicks land: nobody is lost', async () => {
    const { number } = await newJob(t);
    const where = { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts };
    await Promise.all([
      t.client.click('Assign to me', { user: ALICE, in: where }),
      t.client.click('Assign to me', { user: BOB, in: where }),
    ]);
    await eventually(
      async () => (await auditOf(t, number)).filter((e) => e.action === 'assign').length === 2,
    );
    await t.settle();
    const text = textOf(cardOf(t, number));
    expect(text).toContain(`<@${ALICE}>`);
    expect(text).toContain(`<@${BOB}>`);
  });

  it('two declines submitted together: one wins, the other is told who got there first', async () => {
    const { number } = await newJob(t);
    const where = { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts };
    for (const user of [ALICE, BOB]) {
      await t.client.click('Decline', { user, in: where });
      await t.slack.waitFor(() => t.slack.openView(user)?.callback_id === 'decline_modal');
    }
    const [alice, bob] = await Promise.all(
      [ALICE, BOB].map((user) =>
        t.client.submitView({ user, values: { decline_reason: 'timeline' } }),
      ),
    );
    const outcomes = [alice, bob].map((r) => r?.errors?.decline_note ?? 'ok');
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const loser = outcomes.find((o) => o !== 'ok');
    expect(loser).toMatch(new RegExp(`J-${number} is already declined by <@U0(ALICE|BOB)>`));
    const declines = (await auditOf(t, number)).filter((e) => e.action === 'decline');
    expect(declines).toHaveLength(1);
  });
});
