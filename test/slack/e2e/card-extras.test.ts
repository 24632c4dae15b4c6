import { describe, expect, it } from 'vitest';
import { jobCreatedWire, messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { cardOf, labelsOf, newJob, numberOf, storedJob, textOf } from './helpers.ts';

const t = useSlackTestApp();

describe('the card', () => {
  it('assigns whoever is picked in its user picker, and DMs them', async () => {
    const { number } = await newJob(t);
    const where = { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts };
    await t.client.select('Assign…', [ALICE, BOB], { user: ALICE, in: where });
    await t.slack.waitFor(() => textOf(cardOf(t, number)).includes(`<@${BOB}>`));
    await t.settle();
    expect(textOf(cardOf(t, number))).toContain(`<@${ALICE}>`);
    // Bob was assigned by Alice: he hears of it; Alice picked herself and needs no DM.
    const dm = t.slack.dm(BOB).messages();
    expect(dm.map(textOf).join('\n')).toContain(`J-${number}`);
    expect(t.slack.dm(ALICE).messages()).toEqual([]);

    await t.client.select('Assign…', [BOB], { user: ALICE, in: where });
    await t.slack.waitFor(() => !textOf(cardOf(t, number)).includes(`<@${ALICE}>`));
  });

  it('offers Unassign me to whoever took the job, not Assign to me again', async () => {
    const { number } = await newJob(t);
    const where = { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts };
    const answers = () => t.slack.ephemerals(ALICE).filter((e) => e.text.includes(`J-${number}`));
    const labels = () => labelsOf(cardOf(t, number));
    // A double click: the second lands on a job Alice already has, and says so without an error.
    await Promise.all([
      t.client.click('Assign to me', { user: ALICE, in: where }),
      t.client.click('Assign to me', { user: ALICE, in: where }),
    ]);
    await t.slack.waitFor(() => answers().length === 2);
    await t.settle();
    expect(
      answers()
        .map((e) => e.text)
        .sort(),
    ).toEqual([
      `:raised_hand: You are assigned to J-${number}.`,
      `You are already assigned to J-${number}.`,
    ]);
    // Only Alice is "me" in her answers: the way back is there, not on the card everyone reads,
    // which with someone on the job no longer offers Assign to me (the picker names who is).
    for (const e of answers()) expect(labelsOf(e as never)).toEqual(['Unassign me']);
    expect(labels()).not.toContain('Assign to me');

    await t.client.click('Unassign me', { user: ALICE, in: { ephemeral: true } });
    await t.slack.waitFor(() =>
      t.slack.ephemerals(ALICE).at(-1)?.text.includes('no longer assigned'),
    );
    await t.settle();
    expect((await t.app.services.getJob(t.app.workspaceId, number)).assignees).toEqual([]);
    expect(labels()).toContain('Assign to me');
  });

  it('tells assignees by DM when the merchant writes', async () => {
    const wire = jobCreatedWire({ createdAt: t.clock.now });
    const number = numberOf(await t.intake(wire));
    await t.app.services.changeAssignees(
      { workspaceId: t.app.workspaceId, userId: ALICE },
      number,
      [BOB],
      'add',
    );
    await t.settle();
    const before = t.slack.dm(BOB).messages().length;
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Are you there?',
      }),
    );
    const dms = t.slack.dm(BOB).messages().slice(before).map(textOf).join('\n');
    expect(dms).toContain('Are you there?');
  });

  it('pages a long conversation in the View conversation modal', async () => {
    const wire = jobCreatedWire({ createdAt: t.clock.now });
    const number = numberOf(await t.intake(wire));
    for (let i = 1; i <= 45; i++) {
      await t.app.services.ingestEvent(t.app.workspaceId, {
        id: `evt_page_${i}`,
        type: 'message.received',
        occurredAt: t.clock.now,
        data: {
          conversation: { id: wire.data.conversation.id },
          job: { id: wire.data.job.id },
          merchant: { id: 'm_1', name: 'Ada Lovelace', store: { domain: 'ada.myshopify.com' } },
          message: {
            id: `msg_page_${i}`,
            body: `message number ${i}`,
            sentAt: new Date(t.clock.now.getTime() + i * 1000),
          },
        },
      });
    }
    await t.settle();
    await t.client.click('View conversation', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'job_details_modal');
    const newest = JSON.stringify(t.slack.openView(ALICE)?.blocks);
    expect(newest).toContain('message number 45');
    expect(newest).not.toContain('message number 1"');
    await t.client.click('Older', { user: ALICE, in: { modal: true } });
    await t.slack.waitFor(() =>
      JSON.stringify(t.slack.openView(ALICE)?.blocks).includes('message number 25'),
    );
    // Viewing does not open the job.
    expect((await storedJob(t, number)).status).toBe('new');
  });
});
