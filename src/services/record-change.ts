import type { Job, JobStatus } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { homeRefreshDelay, homeRefreshes } from './home-refresh.ts';
import { directMessage, jobCard, TOPICS, webhook, webhookJob } from './outbox-topics.ts';
import type { NewJobEvent, OutboxItem, Repositories } from './ports.ts';

export interface Change {
  before: Job;
  after: Job;
  /** Slack user id, `merchant`, `intake` or `system`. */
  actor: string;
  action: string;
  at: Date;
  details?: Record<string, unknown>;
  /** Further deliveries the use case needs (a thread post, an assignment DM…). */
  also?: OutboxItem[];
}

/**
 * The bookkeeping every job change shares: one audit event, the card re-rendered, the App Home
 * of everyone who sees the job there, and when the status moved, a DM to each assignee who wants
 * one and a `job.status_changed` webhook.
 */
export function recordChange(
  repos: Repositories,
  deps: ServiceDeps,
  change: Change,
): Promise<void> {
  return recordChanges(repos, deps, [change]);
}

/**
 * recordChange for many changes at once, in a fixed number of statements per workspace however
 * many there are: the deadline sweep records hundreds in one transaction.
 */
export async function recordChanges(
  repos: Repositories,
  deps: ServiceDeps,
  changes: Change[],
): Promise<void> {
  for (const [workspaceId, group] of byWorkspace(changes)) {
    await repos.events.append(workspaceId, ...group.map(auditEvent));

    const moved = group.filter(({ before, after }) => before.status !== after.status);
    const wantDms = await statusChangeSubscribers(repos, workspaceId, moved);
    const items: OutboxItem[] = [];
    for (const change of group) {
      const { before, after, actor, at } = change;
      items.push(...(change.also ?? []), jobCard(after.id));
      if (before.status === after.status) continue;
      // One event, at most one DM per person: whoever the use case already writes to about this
      // job (the merchant's message, which moved it) hears of the move there, not twice.
      const alreadyTold = new Set(
        (change.also ?? [])
          .filter((item) => item.topic === TOPICS.directMessage)
          .map((item) => String(item.payload.userId)),
      );
      for (const userId of after.assignees) {
        if (userId === actor || !wantDms.has(userId) || alreadyTold.has(userId)) continue;
        items.push(
          directMessage({
            userId,
            jobId: after.id,
            reason: 'status_changed',
            by: actor,
            from: before.status,
            to: after.status,
          }),
        );
      }
      if (deps.webhooks) {
        items.push(
          webhook(
            'job.status_changed',
            {
              job: webhookJob(after),
              from: before.status,
              to: after.status,
              by: actor,
              ...change.details,
            },
            at,
          ),
        );
      }
    }
    // Last and once for the whole group: one refresh per person covers every job it changed.
    const [first] = group;
    const refreshes = first
      ? await homeRefreshes(
          repos,
          group.flatMap((c) => [c.before, c.after]),
          first.at,
          homeRefreshDelay(deps),
        )
      : [];
    await repos.outbox.enqueue(workspaceId, [...items, ...refreshes]);
  }
}

function auditEvent(change: Change): NewJobEvent {
  const from: JobStatus = change.before.status;
  return {
    jobId: change.after.id,
    conversationId: change.after.conversationId,
    actor: change.actor,
    action: change.action,
    fromStatus: from,
    toStatus: change.after.status,
    at: change.at,
    details: change.details ?? {},
  };
}

function byWorkspace(changes: Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const group = groups.get(change.after.workspaceId);
    if (group) group.push(change);
    else groups.set(change.after.workspaceId, [change]);
  }
  return groups;
}

/** Assignees of the moved jobs who want a DM when a job's status changes: one lookup for all. */
async function statusChangeSubscribers(
  repos: Repositories,
  workspaceId: string,
  moved: Change[],
): Promise<Set<string>> {
  const assignees = [...new Set(moved.flatMap((c) => c.after.assignees))];
  if (assignees.length === 0) return new Set();
  const members = await repos.members.findMany(workspaceId, assignees);
  return new Set(members.filter((m) => m.notifications.onStatusChange).map((m) => m.userId));
}
