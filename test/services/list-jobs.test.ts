import { describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { ALICE, useServices, WORKSPACE } from './harness.ts';

const h = useServices();

describe('listing jobs', () => {
  it('counts the matching jobs, and stops counting at the limit it is given', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await h.ingest(jobCreatedWire({ createdAt: h.clock.now }));
      numbers.push(Number(result.job?.slice(2)));
    }
    await h.services.changeAssignees(h.actor(ALICE), numbers[0] as number, [ALICE], 'add');

    const all = await h.services.listJobs(WORKSPACE, { limit: 2 });
    expect(all.jobs).toHaveLength(2);
    expect(all).toMatchObject({ total: 5, totalIsMinimum: false });

    const capped = await h.services.listJobs(WORKSPACE, { limit: 2 }, 3);
    expect(capped.jobs).toHaveLength(2);
    expect(capped).toMatchObject({ total: 3, totalIsMinimum: true });

    const exact = await h.services.listJobs(WORKSPACE, { limit: 2 }, 6);
    expect(exact).toMatchObject({ total: 5, totalIsMinimum: false });

    const mine = await h.services.listJobs(WORKSPACE, { assignee: ALICE, limit: 2 }, 3);
    expect(mine.jobs.map((j) => j.number)).toEqual([numbers[0]]);
    expect(mine).toMatchObject({ total: 1, totalIsMinimum: false });
  });
});
