import { describe, expect, it } from 'vitest';
import { messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { auditOf, cardOf, labelsOf, lastEphemeral, newJob, storedJob, textOf } from './helpers.ts';

const t = useSlackTestApp();

describe('the whole life of a job in Slack', () => {
  it('goes from intake to completed through the card, its modals and the thread', async () => {
    const { wire, number } = await newJob(t);
    const posted = cardOf(t, number);
    expect(textOf(posted)).toContain(`J-${number}`);
    expect(textOf(posted)).toContain('Speed up my theme');
    expect(textOf(posted)).toContain('Ada Lovelace');
    expect(textOf(posted)).toContain('500.00 USD');
    expect(textOf(posted)).toMatch(/New/);
    expect(labelsOf(posted)).toEqual(
      expect.arrayContaining([
        'Open',
        'Assign to me',
        'Reply',
        'Decline',
        'Mark inactive',
        'Mark complete',
      ]),
    );

    // Open: the details modal, and the job becomes opened.
    await t.client.click('Open', { user: ALICE, in: { channel: JOBS_CHANNEL, ts: posted.ts } });
    await t.slack.waitFor(() => t.slack.openView(ALICE));
    expect(t.slack.openView(ALICE)?.callback_id).toBe('job_details_modal');
    expect((await storedJob(t, number)).status).toBe('opened');
    t.slack.closeView(ALICE, true);

    // Assign to me: the card lists Alice.
    await t.client.click('Assign to me', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: posted.ts },
    });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes('You are assigned'));
    await t.settle();
    expect(textOf(cardOf(t, number))).toContain(`<@${ALICE}>`);
    expect(lastEphemeral(t, ALICE)).toContain(`You are assigned to J-${number}`);

    // Reply through the modal: recorded, posted in the thread, status responded.
    await t.client.click('Reply', { user: ALICE, in: { channel: JOBS_CHANNEL, ts: posted.ts } });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'reply_modal');
    const sent = await t.client.submitView({
      user: ALICE,
      values: { reply_body: 'Happy to help, Ada!' },
    });
    expect(sent.errors).toBeUndefined();
    await t.settle();
    expect((await storedJob(t, number)).status).toBe('responded');
    const thread = t.slack.channel(JOBS_CHANNEL).thread(posted.ts);
    expect(thread.map(textOf).join('\n')).toContain('Happy to help, Ada!');

    // The merchant answers: in the thread, the card says awaiting response.
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Great, when can you start?',
      }),
    );
    expect((await storedJob(t, number)).status).toBe('awaiting_response');
    expect(t.slack.channel(JOBS_CHANNEL).thread(posted.ts).map(textOf).join('\n')).toContain(
      'Great, when can you start?',
    );

    // Mark complete from "More actions", asking for a review.
    await t.client.click('Mark complete', {
      user: BOB,
      in: { channel: JOBS_CHANNEL, ts: posted.ts },
    });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'complete_modal');
    await t.client.submitView({ user: BOB });
    await t.settle();
    const done = await storedJob(t, number);
    expect(done).toMatchObject({ status: 'completed', reviewRequested: true });
    const card = cardOf(t, number);
    expect(card.ts).toBe(posted.ts);
    expect(textOf(card)).toMatch(/Completed/);
    // A completed job keeps what still applies (writing to the merchant) and loses the rest.
    expect(labelsOf(card)).toContain('Reply');
    expect(labelsOf(card)).not.toEqual(expect.arrayContaining(['Decline']));
    expect(labelsOf(card)).not.toEqual(expect.arrayContaining(['Mark complete']));
    expect(labelsOf(card)).not.toEqual(expect.arrayContaining(['Mark inactive']));

    const audit = await auditOf(t, number);
    expect(audit.map((e) => e.action)).toEqual([
      'create',
      'open',
      'assign',
      'team_message',
      'merchant_message',
      'mark_complete',
    ]);
  });
});
