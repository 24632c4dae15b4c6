import { describe, expect, it } from 'vitest';
import { messageReceivedWire } from '../fixtures/intake-events.ts';
import { ALICE, jobCreatedAgo as createdAgo, HOUR, useServices, WORKSPACE } from './harness.ts';

const h = useServices();

const jobCreatedAgo = (hours: number) => createdAgo(h, hours);

describe('the 72-hour clock', () => {
  it('expires unanswered jobs at their deadline, audits it and updates the card', async () => {
    const due = await jobCreatedAgo(72);
    const notYet = await jobCreatedAgo(71);
    const before = (await h.outboxRows()).length;
    expect(await h.services.expireDueJobs(WORKSPACE)).toBe(1);
    const job = await h.services.getJob(WORKSPACE, due.number);
    expect(job).toMatchObject({ status: 'expired', closedAt: job.expiresAt });
    expect((await h.services.getJob(WORKSPACE, notYet.number)).status).toBe('new');
    const audit = await h.auditFor(job.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'expire',
      actor: 'system',
      fromStatus: 'new',
      toStatus: 'expired',
    });
    const rows = (await h.outboxRows()).slice(before);
    expect(rows.map((r) => r.topic)).toContain('webhook');
    // A second sweep finds nothing more to do.
    expect(await h.services.expireDueJobs(WORKSPACE)).toBe(0);
  });

  it('never expires a job the team answered, nor an inactive one', async () => {
    const answered = await jobCreatedAgo(10);
    await h.services.replyToJob(h.actor(ALICE), answered.number, 'Hi!');
    const parked = await jobCreatedAgo(10);
    await h.services.markInactive(h.actor(ALICE), parked.number);
    h.advance(200 * HOUR);
    await h.services.expireDueJobs(WORKSPACE);
    expect((await h.services.getJob(WORKSPACE, answered.number)).status).toBe('responded');
    expect((await h.services.getJob(WORKSPACE, parked.number)).status).toBe('inactive');
  });

  it('expires a job the merchant wrote on but nobody answered', async () => {
    const { wire, number } = await jobCreatedAgo(1);
    await h.services.openJob(h.actor(ALICE), number);
    await h.ingest(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        sentAt: h.clock.now,
      }),
    );
    expect((await h.services.getJob(WORKSPACE, number)).status).toBe('awaiting_response');
    h.advance(72 * HOUR);
    await h.services.expireDueJobs(WORKSPACE);
    expect((await h.services.getJob(WORKSPACE, number)).status).toBe('expired');
  });

  it('refuses every action on an expired job, and still stores what the merchant writes', async () => {
    const { wire, number } = await jobCreatedAgo(100);
    await h.services.expireDueJobs(WORKSPACE);
    const actor = h.actor(ALICE);
    const attempts = [
      h.services.openJob(actor, number),
      h.services.replyToJob(actor, number, 'sorry'),
      h.services.changeAssignees(actor, number, [ALICE], 'add'),
      h.services.declineJob(actor, number, { reason: 'budget' }),
      h.services.markInactive(actor, number),
      h.services.markComplete(actor, number, { askForReview: false }),
      h.services.reactivate(actor, number),
    ];
    for (const result of await Promise.allSettled(attempts)) {
      expect(result.status).toBe('rejected');
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ code: 'job_expired' });
    }
    await h.ingest(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Hello?',
      }),
    );
    const details = await h.services.getJobDetails(WORKSPACE, number);
    expect(details.job.status).toBe('expired');
    expect(details.messages.map((m) => m.body)).toEqual(['Hello?']);
  });

  it('treats a job past its deadline as expired before the sweep runs', async () => {
    const { number } = await jobCreatedAgo(73);
    await expect(h.services.replyToJob(h.actor(ALICE), number, 'late')).rejects.toMatchObject({
      code: 'job_expired',
      message: expect.stringMatching(/^J-\d+ expired on .* — expired jobs can't be acted on$/),
    });
  });
});
