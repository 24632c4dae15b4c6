import { decide } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { saveJob } from './context.ts';
import { recordChange } from './record-change.ts';

export const EXPIRY_BATCH = 200;

/**
 * The clock (assignees learn of it through the usual status-change DM): expires jobs whose 72 hours ran out without a team response, a batch per transaction.
 * Rows are claimed with SKIP LOCKED, so replicas sweeping together never expire a job twice.
 * Returns how many jobs expired.
 */
export async function expireDueJobs(deps: ServiceDeps, batch = EXPIRY_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await deps.store.transaction(async (repos) => {
      const now = deps.now();
      const due = await repos.jobs.claimDue(now, batch);
      for (const job of due) {
        const decision = decide(job, 'expire', now);
        const after = await saveJob(repos, job, { status: decision.to, closedAt: job.expiresAt });
        await recordChange(repos, deps, {
          before: job,
          after,
          actor: 'system',
          action: 'expire',
          at: now,
          details: { expiresAt: job.expiresAt.toISOString() },
        });
      }
      return due.length;
    });
    total += expired;
    if (expired < batch) return total;
  }
}
