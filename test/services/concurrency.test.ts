import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/index.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { useServices, WORKSPACE } from './harness.ts';

const h = useServices();
const members = Array.from({ length: 20 }, (_, i) => `U0M${String(i).padStart(2, '0')}`);

async function newJob() {
  const result = await h.ingest(jobCreatedWire({ createdAt: h.clock.now }));
  return Number(result.job?.slice(2));
}

describe('conflicting actions at the same moment', () => {
  it('20 parallel declines of one job: one winner, 19 errors naming who won, one audit event', async () => {
    const number = await newJob();
    const results = await Promise.allSettled(
      members.map((userId) =>
        h.services.declineJob({ workspaceId: WORKSPACE, userId }, number, {
          reason: 'no_capacity',
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    const job = await h.services.getJob(WORKSPACE, number);
    const audit = await h.auditFor(job.id);
    const declines = audit.filter((e) => e.action === 'decline');
    expect(declines).toHaveLength(1);
    for (const error of lost) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'already_in_state' });
      expect(error.message).toContain(`is already declined by ${declines[0]?.actor} on `);
      expect(error.details).toMatchObject({ status: 'declined', by: declines[0]?.actor });
    }
  });

  it('a decline and a completion racing: exactly one happens, the other is refused', async () => {
    const number = await newJob();
    const [decline, complete] = await Promise.allSettled([
      h.services.declineJob(h.actor('U0ALICE'), number, { reason: 'budget' }),
      h.services.markComplete(h.actor('U0BOB'), number, { askForReview: false }),
    ]);
    expect([decline.status, complete.status].sort()).toEqual(['fulfilled', 'rejected']);
    const job = await h.services.getJob(WORKSPACE, number);
    expect(['declined', 'completed']).toContain(job.status);
    const moves = (await h.auditFor(job.id)).filter((e) => e.action !== 'create');
    expect(moves).toHaveLength(1);
  });

  it('parallel replies all land, and the first response time is the first one', async () => {
    const number = await newJob();
    await Promise.all(
      members
        .slice(0, 5)
        .map((userId) =>
          h.services.replyToJob({ workspaceId: WORKSPACE, userId }, number, `hello from ${userId}`),
        ),
    );
    const details = await h.services.getJobDetails(WORKSPACE, number);
    expect(details.messages).toHaveLength(5);
    expect(details.job.status).toBe('responded');
    expect(details.job.version).toBe(6);
  });

  it('hands out distinct job numbers to jobs created at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.ingest(jobCreatedWire({ createdAt: h.clock.now }))),
    );
    const numbers = results.map((r) => r.job);
    expect(new Set(numbers).size).toBe(10);
  });
});
