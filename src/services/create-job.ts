import { type Conversation, expiresAtFor, type Job, type JobStatus } from '../domain/index.ts';
import { type HomeFacts, homeRefreshes, homeViewers } from './home-refresh.ts';
import { jobCard } from './outbox-topics.ts';
import type { Repositories } from './ports.ts';

export interface JobDraft {
  /** Reserved beforehand (repos.jobs.reserveId) along with other reads: a round trip less. */
  id?: number;
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
  /** A write of the caller's that refers to the job, sent with the job's insert. */
  alongside?: (jobId: number) => Promise<unknown>,
): Promise<Job> {
  // Taking the number locks the workspace row until the commit, and concurrent creations queue
  // on it: whatever can be read before is read before, and the job's id is reserved before, so
  // that the number is taken in the last batch of statements, with everything that refers to the
  // job. The lock is then held for that batch and the commit, not for a round trip more.
  const [id] = await Promise.all([
    draft.id ?? repos.jobs.reserveId(),
    homeViewers(repos, workspaceId, now),
  ]);
  const { conversation } = draft;
  const facts = {
    workspaceId,
    assignees: [],
    status: draft.start?.status ?? 'new',
    expiresAt: expiresAtFor(draft.sourceCreatedAt),
    firstResponseAt: draft.start?.firstResponseAt ?? null,
  } satisfies HomeFacts;
  const homes = await homeRefreshes(repos, [facts], now, homeRefreshDelayMs);
  // Sent together, in this order (pipelined on the transaction's connection): one round trip.
  const [job] = await Promise.all([
    repos.jobs.insertNumbered(workspaceId, id, {
      sourceId: draft.sourceId,
      conversationId: conversation.id,
      merchantId: conversation.merchantId,
      title: draft.title,
      description: draft.description,
      service: draft.service,
      budget: draft.budget,
      status: facts.status,
      sourceCreatedAt: draft.sourceCreatedAt,
      createdAt: now,
      createdBy: draft.createdBy,
      expiresAt: facts.expiresAt,
      openedAt: draft.start?.openedAt ?? null,
      firstResponseAt: facts.firstResponseAt,
      lastWriter: draft.start ? 'team' : null,
      lastMessageAt: null,
      cardChannelId: conversation.cardChannelId,
      cardTs: conversation.cardTs,
    }),
    repos.events.append(workspaceId, {
      jobId: id,
      conversationId: conversation.id,
      actor,
      action: 'create',
      toStatus: facts.status,
      at: now,
      details: { sourceId: draft.sourceId, expiresAt: facts.expiresAt.toISOString() },
    }),
    repos.outbox.enqueue(workspaceId, [jobCard(id), ...homes]),
    alongside?.(id),
  ]);
  return job;
}
