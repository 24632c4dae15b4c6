import { decide, type Job } from '../domain/index.ts';
import { type Actor, decideOrExplain, lockJob, type ServiceDeps, saveJob } from './context.ts';
import { recordChange } from './record-change.ts';

/**
 * A member opens a job: `new` becomes `opened` (or `awaiting_response` if the merchant already
 * wrote); on any other open status only the view is recorded.
 */
export function openJob(deps: ServiceDeps, actor: Actor, number: number): Promise<Job> {
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const job = await lockJob(repos, actor.workspaceId, number);
    const decision = await decideOrExplain(repos, job, () => decide(job, 'open', now));
    if (!decision.changed) {
      await repos.events.append(job.workspaceId, {
        jobId: job.id,
        conversationId: job.conversationId,
        actor: actor.userId,
        action: 'view',
        fromStatus: job.status,
        toStatus: job.status,
        at: now,
      });
      return job;
    }
    const after = await saveJob(repos, job, {
      status: decision.to,
      openedAt: job.openedAt ?? now,
    });
    await recordChange(repos, deps, {
      before: job,
      after,
      actor: actor.userId,
      action: 'open',
      at: now,
    });
    return after;
  });
}
