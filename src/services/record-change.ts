import type { Job, JobStatus } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { recipients } from './context.ts';
import { homeRefreshes } from './home-refresh.ts';
import { directMessage, jobCard, webhook, webhookJob } from './outbox-topics.ts';
import type { OutboxItem, Repositories } from './ports.ts';

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
export async function recordChange(
  repos: Repositories,
  deps: ServiceDeps,
  change: Change,
): Promise<void> {
  const { before, after, actor, at } = change;
  const from: JobStatus = before.status;
  const moved = from !== after.status;
  await repos.events.append(after.workspaceId, {
    jobId: after.id,
    conversationId: after.conversationId,
    actor,
    action: change.action,
    fromStatus: from,
    toStatus: after.status,
    at,
    details: change.details ?? {},
  });

  const items: OutboxItem[] = [
    ...(change.also ?? []),
    jobCard(after.id),
    ...(await homeRefreshes(repos, [before, after], at)),
  ];
  if (moved) {
    const notify = await recipients(
      repos,
      after.workspaceId,
      after.assignees,
      (m) => m.notifications.onStatusChange,
      actor,
    );
    for (const userId of notify) {
      items.push(
        directMessage({
          userId,
          jobId: after.id,
          reason: 'status_changed',
          by: actor,
          from,
          to: after.status,
        }),
      );
    }
    if (deps.webhooks) {
      items.push(
        webhook(
          'job.status_changed',
          { job: webhookJob(after), from, to: after.status, by: actor, ...change.details },
          at,
        ),
      );
    }
  }
  await repos.outbox.enqueue(after.workspaceId, items);
}
