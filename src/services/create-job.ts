import { type Conversation, expiresAtFor, type Job, type JobStatus } from '../domain/index.ts';
import { homeRefreshes, homeViewers } from './home-refresh.ts';
import { jobCard } from './outbox-topics.ts';
import type { Repositories } from './ports.ts';

export interface JobDraft {
  sourceId: string | null;
  /** As this transaction upserted it (and so locked it): its card location is current. */
  conversation: Conversation;
  title: string;
  description: string | null;
  service: string | null;
  budget: { amount: string; currency: string } | null;
  sourceCreatedAt: Date;
  createdBy: string | null;
  /** `opened` with a first response for a job born from an accepted proposal. */
  start?: { status: JobStatus; firstResponseAt: Date; openedAt: Date };
}

/**
 * Creates a job with the next `J-<n>`, its audit event and its card. A conversation that already
 * has an inquiry card hands that card over, so the thread stays one thread.
 */
export async function createJob(
  repos: Repositories,
  workspaceId: string,
  draft: JobDraft,
  actor: string,
  now: Date,
  homeRefreshDelayMs: number,
  /** A write of the caller's that needs the job, sent with the job's last ones (one round trip). */
  alongside?: (job: Job) => Promise<unknown>,
): Promise<Job> {
  // Taking the number locks the workspace row until the commit, and concurrent creations queue
  // on it: whatever can be read before is read before.
  await homeViewers(repos, workspaceId, now);
  const { conversation } = draft;
  const job = await repos.jobs.insertNumbered(workspaceId, {
    sourceId: draft.sourceId,
    conversationId: conversation.id,
    merchantId: conversation.merchantId,
    title: draft.title,
    description: draft.description,
    service: draft.service,
    budget: draft.budget,
    status: draft.start?.status ?? 'new',
    sourceCreatedAt: draft.sourceCreatedAt,
    createdAt: now,
    createdBy: draft.createdBy,
    expiresAt: expiresAtFor(draft.sourceCreatedAt),
    openedAt: draft.start?.openedAt ?? null,
    firstResponseAt: draft.start?.firstResponseAt ?? null,
    lastWriter: draft.start ? 'team' : null,
    lastMessageAt: null,
    cardChannelId: conversation.cardChannelId,
    cardTs: conversation.cardTs,
  });
  const homes = await homeRefreshes(repos, [job], now, homeRefreshDelayMs);
  // Sent together (pipelined on the transaction's connection): one round trip less under the lock.
  await Promise.all([
    repos.events.append(workspaceId, {
      jobId: job.id,
      conversationId: job.conversationId,
      actor,
      action: 'create',
      toStatus: job.status,
      at: now,
      details: { sourceId: job.sourceId, expiresAt: job.expiresAt.toISOString() },
    }),
    repos.outbox.enqueue(workspaceId, [jobCard(job.id), ...homes]),
    alongside?.(job),
  ]);
  return job;
}
