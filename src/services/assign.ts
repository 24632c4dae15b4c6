import {
  DomainError,
  decide,
  formatJobRef,
  type Job,
  MAX_ASSIGNEES,
  type Refusal,
} from '../domain/index.ts';
import {
  type Actor,
  decideOrExplain,
  invalidInput,
  lockJob,
  recipients,
  type ServiceDeps,
  saveJob,
} from './context.ts';
import { directMessage, webhook, webhookJob } from './outbox-topics.ts';
import { recordChange } from './record-change.ts';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export type AssignMode = 'add' | 'remove' | 'replace';

/**
 * Changes who is assigned to a job. `add` and `remove` come from `/jobs assign|unassign`,
 * `replace` from the card's user picker (which sends the whole selection).
 *
 * `refused` holds the people Slack says may not act (the same check as acting, made by the
 * caller before the row lock): they are never added. One already assigned stays in a `replace`
 * (the picker shows them), so picking someone else does not silently unassign them.
 */
export async function changeAssignees(
  deps: ServiceDeps,
  actor: Actor,
  number: number,
  userIds: string[],
  mode: AssignMode,
  refused: Readonly<Record<string, Refusal>> = {},
): Promise<Job> {
  const given = [...new Set(userIds)];
  const bad = given.filter((u) => !SLACK_USER_ID.test(u));
  if (bad.length) throw invalidInput(`Not a Slack user: ${bad.join(', ')}`, { users: bad });
  if (mode !== 'replace' && given.length === 0) throw invalidInput('Name at least one person');
  const mayJoin = (u: string) => !Object.hasOwn(refused, u);

  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const job = await lockJob(repos, actor.workspaceId, number);
    await decideOrExplain(repos, job, () => decide(job, 'assign', now));

    const current = job.assignees;
    const next =
      mode === 'add'
        ? [...current, ...given.filter((u) => !current.includes(u) && mayJoin(u))]
        : mode === 'remove'
          ? current.filter((u) => !given.includes(u))
          : given.filter((u) => current.includes(u) || mayJoin(u));
    const added = next.filter((u) => !current.includes(u));
    const removed = current.filter((u) => !next.includes(u));
    if (added.length === 0 && removed.length === 0) throw nothingChanged(job, given, mode);
    if (next.length > MAX_ASSIGNEES) {
      throw invalidInput(`A job can have at most ${MAX_ASSIGNEES} assignees`);
    }

    await repos.jobs.setAssignees(job, next, actor.userId, now);
    const after = await saveJob(repos, { ...job }, {});
    const withAssignees = { ...after, assignees: next };

    const notify = await recipients(
      repos,
      job.workspaceId,
      added,
      (m) => m.notifications.onAssignment,
      actor.userId,
    );
    const also = notify.map((userId) =>
      directMessage({ userId, jobId: job.id, reason: 'assigned', by: actor.userId }),
    );
    if (deps.webhooks) {
      also.push(
        webhook(
          'job.assigned',
          { job: webhookJob(withAssignees), added, removed, by: actor.userId },
          now,
        ),
      );
    }
    await recordChange(repos, deps, {
      before: job,
      after: withAssignees,
      actor: actor.userId,
      action: 'assign',
      at: now,
      details: { added, removed },
      also,
    });
    return withAssignees;
  });
}

function nothingChanged(job: Job, given: string[], mode: AssignMode): DomainError {
  const ref = formatJobRef(job.number);
  const who = given.map((u) => `<@${u}>`).join(', ');
  const message =
    mode === 'remove'
      ? `${who} ${given.length > 1 ? 'are' : 'is'} not assigned to ${ref}`
      : mode === 'add'
        ? `${who} ${given.length > 1 ? 'are' : 'is'} already assigned to ${ref}`
        : `${ref} already has exactly these assignees`;
  return new DomainError('nothing_to_change', message, { ref, users: given });
}
