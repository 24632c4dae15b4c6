import type { DeadSummary } from '../services/outbox-admin.ts';
import { Degraded, type HealthCheck } from './health.ts';

/**
 * /healthz's `deliveries`: degraded while deliveries lie dead. jobdesk still runs, but cards or
 * DMs did not reach Slack (the app left the channel, a revoked token) and wait for a person; the
 * newest one's error says what to do.
 */
export function deadDeliveriesCheck(summary: () => Promise<DeadSummary>): HealthCheck {
  return {
    name: 'deliveries',
    async check() {
      const { total, newest } = await summary();
      if (total === 0 || !newest) return { dead: 0 };
      const what = total === 1 ? '1 delivery' : `${total} deliveries`;
      const about = newest.about.charAt(0).toLowerCase() + newest.about.slice(1);
      const error = newest.lastError ?? 'no error recorded';
      const retry = error.includes('/jobs outbox') ? '' : ' (admins retry with /jobs outbox)';
      throw new Degraded(`${what} failed for good; the newest, ${about}: ${error}${retry}`);
    },
  };
}
