import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.ts';
import { jobCreatedWire, parsed } from '../fixtures/intake-events.ts';
import {
  ALICE,
  BOB,
  jobCreatedAgo as createdAgo,
  HOUR,
  useServices,
  WORKSPACE,
} from './harness.ts';

// A database of its own: the sweep's count must not see other tests' jobs come due.
const h = useServices();

const jobCreatedAgo = (hours: number) => createdAgo(h, hours);

describe('the expiry sweep', () => {
  it('expires a sweep in batches, in its own workspace only: each job once, DMs only to who wants them', async () => {
    const alices = [await jobCreatedAgo(71), await jobCreatedAgo(71), await jobCreatedAgo(71)];
    const bobs = [await jobCreatedAgo(71), await jobCreatedAgo(71)];
    const nobodys = [await jobCreatedAgo(71), await jobCreatedAgo(71)];
    for (const { number } of alices) {
      await h.services.changeAssignees(h.actor(ALICE), number, [ALICE], 'add');
    }
    for (const { number } of bobs) {
      await h.services.changeAssignees(h.actor(BOB), number, [BOB], 'add');
    }
    await h.services.setNotifications(h.actor(BOB), {
      onAssignment: true,
      onMessage: true,
      onStatusChange: false,
      onDeadline: true,
    });
    const OTHER = 'T_OTHER_TEAM';
    await h.services.setUpWorkspace(OTHER, { admins: [ALICE] });
    const elsewhere = await h.services.ingestEvent(
      OTHER,
      parsed(jobCreatedWire({ createdAt: new Date(h.clock.now.getTime() - 71 * HOUR) })),
    );
    // As if the worker had delivered everything so far: pending rows would absorb the sweep's.
    await h.database.db.update(outbox).set({ state: 'done', doneAt: h.clock.now });
    const before = (await h.outboxRows()).length;

    h.advance(2 * HOUR);
    // Seven of the eight due jobs are this workspace's; the other install sweeps its own.
    expect(await h.services.expireDueJobs(WORKSPACE, 3)).toBe(7);
    expect(await h.services.expireDueJobs(WORKSPACE, 3)).toBe(0);

    const mine = [...alices, ...bobs, ...nobodys];
    for (const { number } of mine) {
      const job = await h.services.getJob(WORKSPACE, number);
      expect(job).toMatchObject({ status: 'expired', closedAt: job.expiresAt });
      const expiries = (await h.auditFor(job.id)).filter((e) => e.action === 'expire');
      expect(expiries).toHaveLength(1);
    }
    const otherNumber = Number(elsewhere.job?.slice(2));
    expect((await h.services.getJob(OTHER, otherNumber)).status).toBe('new');

    const rows = (await h.outboxRows()).slice(before);
    const ids = await Promise.all(
      mine.map(async ({ number }) => (await h.services.getJob(WORKSPACE, number)).id),
    );
    const cards = rows.filter((r) => r.topic === 'slack.job_card').map((r) => r.payload.jobId);
    expect(cards.sort()).toEqual([...ids].sort());
    const dms = rows.filter((r) => r.topic === 'slack.dm').map((r) => r.payload);
    expect(dms).toHaveLength(alices.length);
    for (const dm of dms) expect(dm).toMatchObject({ userId: ALICE, reason: 'status_changed' });
    expect(rows.filter((r) => r.topic === 'webhook')).toHaveLength(mine.length);
    const homes = rows.filter((r) => r.topic === 'slack.home').map((r) => r.payload.userId);
    expect(homes).toEqual(expect.arrayContaining([ALICE, BOB]));
    expect(new Set(homes).size).toBe(homes.length);

    expect(await h.services.expireDueJobs(OTHER, 3)).toBe(1);
    expect((await h.services.getJob(OTHER, otherNumber)).status).toBe('expired');
  });
});
