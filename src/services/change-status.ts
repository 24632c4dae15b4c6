import {
  DECLINE_REASONS,
  type DeclineReason,
  DomainError,
  decide,
  isDeclineReason,
  type Job,
  MAX_NOTE_CHARS,
} from '../domain/index.ts';
import { type Actor, decideOrExplain, lockJob, type ServiceDeps, saveJob } from './context.ts';
import { queueEmail, reviewRequestText } from './email/queue-email.ts';
import type { JobChanges, OutboxItem, Repositories } from './ports.ts';
import { recordChange } from './record-change.ts';

export interface DeclineInput {
  reason: DeclineReason;
  note?: string | undefined;
}

/** The team declines a job (from "More actions" or `/jobs decline`). */
export async function declineJob(
  deps: ServiceDeps,
  actor: Actor,
  number: number,
  input: DeclineInput,
) {
  const note = input.note?.trim() || null;
  if (!isDeclineReason(input.reason)) {
    throw new DomainError(
      'invalid_input',
      `Pick a reason: ${Object.keys(DECLINE_REASONS).join(', ')}`,
      {
        field: 'reason',
      },
    );
  }
  if (input.reason === 'other' && !note) {
    throw new DomainError('invalid_input', 'Say why in the note when the reason is "Other"', {
      field: 'note',
    });
  }
  if (note && note.length > MAX_NOTE_CHARS) {
    throw new DomainError('invalid_input', `Keep the note under ${MAX_NOTE_CHARS} characters`, {
      field: 'note',
    });
  }
  return changeStatus(deps, actor, number, 'decline', {
    declineReason: input.reason,
    declineNote: note,
    declinedBy: 'team',
  });
}

export function markInactive(deps: ServiceDeps, actor: Actor, number: number) {
  return changeStatus(deps, actor, number, 'mark_inactive', {});
}

export function reactivate(deps: ServiceDeps, actor: Actor, number: number) {
  return changeStatus(deps, actor, number, 'reactivate', {});
}

/** Marks a job complete; asking for a review is the source page's next step. */
export function markComplete(
  deps: ServiceDeps,
  actor: Actor,
  number: number,
  options: { askForReview: boolean },
) {
  return changeStatus(
    deps,
    actor,
    number,
    'mark_complete',
    { reviewRequested: options.askForReview },
    // The review request reaches the merchant by email when email is set up.
    options.askForReview
      ? async (repos, job, now) => {
          const merchant = await repos.merchants.findById(job.workspaceId, job.merchantId);
          return queueEmail(repos, deps, job.workspaceId, {
            conversationId: job.conversationId,
            body: reviewRequestText(merchant?.name ?? 'there', job.title),
            chatMessageId: null,
            kind: 'review_request',
            subjectHint: job.title,
            sentAt: now,
          });
        }
      : undefined,
  );
}

async function changeStatus(
  deps: ServiceDeps,
  actor: Actor,
  number: number,
  action: 'decline' | 'mark_inactive' | 'reactivate' | 'mark_complete',
  changes: JobChanges,
  alsoSend?: (repos: Repositories, job: Job, now: Date) => Promise<OutboxItem[]>,
): Promise<Job> {
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const job = await lockJob(repos, actor.workspaceId, number);
    const decision = await decideOrExplain(repos, job, () => decide(job, action, now));
    const after = await saveJob(repos, job, {
      ...changes,
      status: decision.to,
      closedAt: decision.setClosedAt ? now : job.closedAt,
    });
    const details = Object.fromEntries(
      Object.entries(changes).filter(([, v]) => v !== null && v !== undefined),
    );
    await recordChange(repos, deps, {
      before: job,
      after,
      actor: actor.userId,
      action,
      at: now,
      details,
      ...(alsoSend && { also: await alsoSend(repos, after, now) }),
    });
    return after;
  });
}
