import type { Member } from '../domain/index.ts';
import { alreadyInState, DomainError, formatJobRef, type Job } from '../domain/index.ts';
import type { EmailSettings } from './email/settings.ts';
import type { Repositories, Store } from './ports.ts';

export interface ServiceDeps {
  store: Store;
  now: () => Date;
  /** Whether an outbound webhook is configured: without one, no webhook rows are written. */
  webhooks: boolean;
  /** Email set-up (inbound address, outbound SMTP); absent: no email. */
  email?: EmailSettings;
  /** How long Home refreshes wait (default HOME_REFRESH_DELAY_MS); tests with a still clock use 0. */
  homeRefreshDelayMs?: number;
}

/** The Slack user acting, in the workspace (team) where they act. */
export interface Actor {
  workspaceId: string;
  userId: string;
}

export function jobNotFound(number: number): DomainError {
  const ref = formatJobRef(number);
  return new DomainError('job_not_found', `There is no ${ref} in this workspace`, { ref });
}

/** Loads a job and locks it for the rest of the transaction, so concurrent actions queue up. */
export async function lockJob(repos: Repositories, workspaceId: string, number: number) {
  const job = await repos.jobs.findByNumber(workspaceId, number, 'for_update');
  if (!job) throw jobNotFound(number);
  return job;
}

/**
 * Runs a domain decision; when it is refused because another action got there first, the error
 * says who did it and when ("J-12 is already declined by U123 on …").
 */
export async function decideOrExplain<T>(
  repos: Repositories,
  job: Job,
  decide: () => T,
): Promise<T> {
  try {
    return decide();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'already_in_state') {
      const move = await repos.events.lastMoveTo(job.workspaceId, job.id, job.status);
      if (move) throw alreadyInState(job.number, job.status, { actor: move.actor, at: move.at });
    }
    throw error;
  }
}

/** Saves changes made under the row lock; a version mismatch means the lock was not held. */
export async function saveJob(
  repos: Repositories,
  job: Job,
  changes: Parameters<Repositories['jobs']['update']>[1],
): Promise<Job> {
  const saved = await repos.jobs.update(job, changes);
  if (!saved) {
    throw new DomainError(
      'transition_not_allowed',
      `${formatJobRef(job.number)} changed while you were acting on it — try again`,
      { ref: formatJobRef(job.number) },
    );
  }
  return saved;
}

/**
 * Members among `userIds` who want this kind of DM, never the person who caused it. Whether
 * they may still act is asked of Slack when the DM goes out (delivery), not here.
 */
export async function recipients(
  repos: Repositories,
  workspaceId: string,
  userIds: string[],
  wants: (member: Member) => boolean,
  except?: string,
): Promise<string[]> {
  const members = await repos.members.findMany(
    workspaceId,
    userIds.filter((u) => u !== except),
  );
  return members.filter(wants).map((m) => m.userId);
}

export function invalidInput(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('invalid_input', message, details);
}
