import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/delivery/metrics.ts';

describe('/metrics outbox gauges', () => {
  it('show the reading of this scrape, all four from one reading (not the scrape before)', async () => {
    let reads = 0;
    const metrics = createMetrics({
      outbox: async () => {
        reads += 1;
        return {
          pending: reads * 10,
          dead: reads,
          oldestAgeMs: reads * 1000,
          overdueMs: reads * 500,
        };
      },
      jobsByStatus: async () => ({}),
    });
    for (const scrape of [1, 2]) {
      const text = await metrics.registry.metrics();
      expect(text).toMatch(new RegExp(`^jobdesk_outbox_pending ${scrape * 10}$`, 'm'));
      expect(text).toMatch(new RegExp(`^jobdesk_outbox_dead ${scrape}$`, 'm'));
      expect(text).toMatch(
        new RegExp(`^jobdesk_outbox_oldest_pending_age_seconds ${scrape}$`, 'm'),
      );
      expect(text).toMatch(
        new RegExp(`^jobdesk_outbox_oldest_due_age_seconds ${scrape / 2}$`, 'm'),
      );
      expect(reads).toBe(scrape);
    }
  });
});
