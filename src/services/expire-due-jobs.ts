import { decide, type Job, type JobStatus } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { type Change, recordChanges } from './record-change.ts';

export const EXPIRY_BATCH = 200;

/**
 * The clock (assignees learn of it through the usual status-change DM): expires jobs whose 72 hours ran out without a team response, a batch per transaction.
 * Rows are claimed with SKIP LOCKED, so replicas sweeping together never expire a job twice.
 * A batch is a handful of set-based statements however large it is: claim, close, audit, outbox.
 * Returns how many jobs expired.
 */
export async function expireDueJobs(
  deps: ServiceDeps,
  workspaceId: string,
  batch = EXPIRY_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await deps.store.transaction(async (repos) => {
      const now = deps.now();
      // Only this install's jobs: another install on the same database sweeps its own.
      const due = await repos.jobs.claimDue(workspaceId, now, batch);
      const changes: Change[] = [];
      for (const [status, jobs] of byDecidedStatus(due, now)) {
        const saved = await repos.jobs.closeAtDeadline(jobs, status);
        const before = new Map(jobs.map((job) => [job.id, job]));
        for (const after of saved) {
          const job = before.get(after.id) as Job;
          changes.push({
            before: job,
            after,
            actor: 'system',
            action: 'expire',
            at: now,
            details: { expiresAt: job.expiresAt.toISOString() },
          });
        }
      }
      await recordChanges(repos, deps, changes);
      return due.length;
    });
    total += expired;
    if (expired < batch) return total;
  }
}

/** The domain decides each job's expiry (and refuses, rolling the batch back, if one may not). */
function byDecidedStatus(jobs: Job[], now: Date): Map<JobStatus, Job[]> {
  const groups = new Map<JobStatus, Job[]>();
  for (const job of jobs) {
    const { to } = decide(job, 'expire', now);
    const group = groups.get(to);
    if (group) group.push(job);
    else groups.set(to, [job]);
  }
  return groups;
}
