import { describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { ALICE, HOUR, useServices, WORKSPACE } from './harness.ts';

const h = useServices();

describe('team stats', () => {
  it('counts declines by service and takes the median time to first response', async () => {
    const numbers: number[] = [];
    for (const service of ['SEO', 'SEO', 'Theme customization', 'Apps']) {
      const result = await h.ingest(jobCreatedWire({ createdAt: h.clock.now, service }));
      numbers.push(Number(result.job?.slice(2)));
    }
    const [seo1, seo2, theme, apps] = numbers as [number, number, number, number];
    await h.services.declineJob(h.actor(ALICE), seo1, { reason: 'no_capacity' });
    await h.services.declineJob(h.actor(ALICE), seo2, { reason: 'budget' });
    h.advance(2 * HOUR);
    await h.services.replyToJob(h.actor(ALICE), theme, 'Hello');
    h.advance(4 * HOUR);
    await h.services.replyToJob(h.actor(ALICE), apps, 'Hello');

    const stats = await h.services.teamStats(WORKSPACE);
    expect(stats.declinesByService).toEqual([{ service: 'SEO', count: 2 }]);
    expect(stats.byStatus).toEqual({ declined: 2, responded: 2 });
    expect(stats.answered).toBe(2);
    expect(stats.medianFirstResponseMs).toBe(4 * HOUR); // median of 2 h and 6 h
  });
});
