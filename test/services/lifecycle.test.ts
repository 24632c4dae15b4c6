import { describe, expect, it } from 'vitest';
import { jobCreatedWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import { ALICE, BOB, HOUR, jobCreatedAgo, useServices, WORKSPACE } from './harness.ts';

const h = useServices();

async function newJob(wire = jobCreatedWire({ createdAt: h.clock.now })) {
  const result = await h.ingest(wire);
  const number = Number(result.job?.slice(2));
  return { number, wire, job: await h.services.getJob(WORKSPACE, number) };
}

describe('a job from intake to completed', () => {
  it('walks the whole workflow and records every step', async () => {
    const { number, wire, job } = await newJob();
    expect(job.status).toBe('new');
    expect(job.expiresAt.toISOString()).toBe(
      new Date(h.clock.now.getTime() + 72 * HOUR).toISOString(),
    );

    const opened = await h.services.openJob(h.actor(ALICE), number);
    expect(opened.status).toBe('opened');
    expect(opened.openedAt).toEqual(h.clock.now);

    h.advance(HOUR);
    const { job: replied, message } = await h.services.replyToJob(
      h.actor(ALICE),
      number,
      ' Happy to help! ',
    );
    expect(replied.status).toBe('responded');
    expect(replied.firstResponseAt).toEqual(h.clock.now);
    expect(message).toMatchObject({
      direction: 'team',
      authorUserId: ALICE,
      body: 'Happy to help!',
    });

    h.advance(HOUR);
    await h.ingest(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        sentAt: h.clock.now,
      }),
    );
    expect((await h.services.getJob(WORKSPACE, number)).status).toBe('awaiting_response');

    const inactive = await h.services.markInactive(h.actor(BOB), number);
    expect(inactive.status).toBe('inactive');
    const back = await h.services.reactivate(h.actor(BOB), number);
    expect(back.status).toBe('awaiting_response');

    await h.services.replyToJob(h.actor(BOB), number, 'Done, please check.');
    const completed = await h.services.markComplete(h.actor(ALICE), number, { askForReview: true });
    expect(completed).toMatchObject({
      status: 'completed',
      reviewRequested: true,
      closedAt: h.clock.now,
    });
    // First response is set once: a later reply does not move it.
    expect(completed.firstResponseAt).toEqual(replied.firstResponseAt);

    const audit = await h.auditFor(job.id);
    expect(audit.map((e) => [e.action, e.fromStatus, e.toStatus, e.actor])).toEqual([
      ['create', null, 'new', 'intake'],
      ['open', 'new', 'opened', ALICE],
      ['team_message', 'opened', 'responded', ALICE],
      ['merchant_message', 'responded', 'awaiting_response', 'merchant'],
      ['mark_inactive', 'awaiting_response', 'inactive', BOB],
      ['reactivate', 'inactive', 'awaiting_response', BOB],
      ['team_message', 'awaiting_response', 'responded', BOB],
      ['mark_complete', 'responded', 'completed', ALICE],
    ]);

    const details = await h.services.getJobDetails(WORKSPACE, number);
    expect(details.messages.map((m) => m.direction)).toEqual(['team', 'merchant', 'team']);
    expect(details.merchant).toMatchObject({
      name: 'Ada Lovelace',
      storeDomain: 'ada.myshopify.com',
    });
  });

  it('reactivates an opened job nobody answered as opened, where it was', async () => {
    const { number } = await jobCreatedAgo(h, 1);
    await h.services.openJob(h.actor(ALICE), number);
    await h.services.markInactive(h.actor(ALICE), number);
    const back = await h.services.reactivate(h.actor(BOB), number);
    expect(back.status).toBe('opened');
  });

  it('writes the card, thread and webhook deliveries in the same transaction as the change', async () => {
    const { number, job } = await newJob();
    const before = (await h.outboxRows()).length;
    await h.services.replyToJob(h.actor(ALICE), number, 'On it');
    const rows = (await h.outboxRows()).slice(before);
    expect(rows.map((r) => r.topic).sort()).toEqual(['slack.thread_message', 'webhook', 'webhook']);
    const webhooks = rows.filter((r) => r.topic === 'webhook').map((r) => r.payload.type);
    expect(webhooks.sort()).toEqual(['job.status_changed', 'message.sent']);
    // The card row from creation is still pending, so the reply's card update coalesced into it:
    // one delivery that renders the job as it is when delivered.
    const cards = (await h.outboxRows()).filter(
      (r) => r.topic === 'slack.job_card' && r.payload.jobId === job.id,
    );
    expect(cards).toHaveLength(1);
  });

  it('opening a job that the merchant already wrote on makes it awaiting_response', async () => {
    const { number, wire } = await newJob();
    await h.ingest(
      messageReceivedWire({ jobId: wire.data.job.id, conversationId: wire.data.conversation.id }),
    );
    expect((await h.services.getJob(WORKSPACE, number)).status).toBe('new');
    expect((await h.services.openJob(h.actor(ALICE), number)).status).toBe('awaiting_response');
  });

  it('records a view without changing anything when an open job is opened again', async () => {
    const { number, job } = await newJob();
    await h.services.openJob(h.actor(ALICE), number);
    const again = await h.services.openJob(h.actor(BOB), number);
    expect(again.status).toBe('opened');
    const audit = await h.auditFor(job.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'view',
      actor: BOB,
      fromStatus: 'opened',
      toStatus: 'opened',
    });
  });

  it('refuses moves the workflow does not allow, with a reason', async () => {
    const { number } = await newJob();
    await expect(h.services.reactivate(h.actor(ALICE), number)).rejects.toMatchObject({
      code: 'transition_not_allowed',
      message: expect.stringContaining('only jobs that are inactive can be reactivated'),
    });
    await h.services.markComplete(h.actor(ALICE), number, { askForReview: false });
    await expect(
      h.services.declineJob(h.actor(BOB), number, { reason: 'no_capacity' }),
    ).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await expect(
      h.services.markComplete(h.actor(BOB), number, { askForReview: false }),
    ).rejects.toMatchObject({
      code: 'already_in_state',
      // Plain text from the services (logs, the API); Slack writes the mention (test/slack).
      message: expect.stringMatching(/is already completed by U0ALICE on/),
      details: expect.objectContaining({ status: 'completed', by: 'U0ALICE' }),
    });
  });

  it('lets the team write on inactive and completed jobs without changing their status', async () => {
    const { number } = await newJob();
    await h.services.markInactive(h.actor(ALICE), number);
    expect((await h.services.replyToJob(h.actor(ALICE), number, 'Still there?')).job.status).toBe(
      'inactive',
    );
    await h.services.markComplete(h.actor(ALICE), number, { askForReview: false });
    expect((await h.services.replyToJob(h.actor(ALICE), number, 'Thanks!')).job.status).toBe(
      'completed',
    );
  });

  it('declines with a reason and a note, and refuses a reply afterwards', async () => {
    const { number } = await newJob();
    const declined = await h.services.declineJob(h.actor(ALICE), number, {
      reason: 'other',
      note: 'We only do Plus stores',
    });
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'other',
      declineNote: 'We only do Plus stores',
      declinedBy: 'team',
    });
    await expect(h.services.replyToJob(h.actor(ALICE), number, 'hi')).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
  });

  it('asks for a note when the decline reason is Other, and for a message body', async () => {
    const { number } = await newJob();
    await expect(
      h.services.declineJob(h.actor(ALICE), number, { reason: 'other' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { field: 'note' },
    });
    await expect(h.services.replyToJob(h.actor(ALICE), number, '   ')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await h.services.getJob(WORKSPACE, number)).status).toBe('new');
  });

  it('says which job does not exist', async () => {
    await expect(h.services.openJob(h.actor(ALICE), 9999)).rejects.toMatchObject({
      code: 'job_not_found',
      message: 'There is no J-9999 in this workspace',
    });
  });

  it('logs a lead by hand with the usual 72-hour clock', async () => {
    const job = await h.services.logJobByHand(h.actor(ALICE), {
      title: 'Migrate from WooCommerce',
      merchantName: 'Grace Hopper',
      merchantEmail: 'grace@example.com',
      budgetAmount: '1200',
      budgetCurrency: 'eur',
    });
    expect(job).toMatchObject({
      status: 'new',
      sourceId: null,
      createdBy: ALICE,
      budget: { amount: '1200', currency: 'EUR' },
    });
    expect(job.expiresAt.getTime() - h.clock.now.getTime()).toBe(72 * HOUR);
    await expect(
      h.services.logJobByHand(h.actor(ALICE), {
        title: '',
        merchantName: 'X',
        merchantEmail: 'nope',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { title: expect.any(String), merchantEmail: expect.any(String) } },
    });
  });
});
