/**
 * docs/design.md section 1, written out by hand for the tests: it is deliberately NOT derived from
 * TRANSITIONS in src/domain, so that the tests check the code against the spec.
 *
 * A cell is either the status the job ends up in, or `!<code>` for the refusal code.
 */
import {
  DomainError,
  type DomainErrorCode,
  decide,
  type JobAction,
  type JobFacts,
  type JobStatus,
} from '../../src/domain/index.ts';

export const STATUSES = [
  'new',
  'opened',
  'responded',
  'awaiting_response',
  'inactive',
  'completed',
  'declined',
  'expired',
] as const satisfies readonly JobStatus[];

export const ACTIONS = [
  'open',
  'team_message',
  'merchant_message',
  'decline',
  'merchant_decline',
  'mark_inactive',
  'reactivate',
  'mark_complete',
  'assign',
  'expire',
] as const satisfies readonly JobAction[];

type RefusalCode = Extract<
  DomainErrorCode,
  'job_expired' | 'transition_not_allowed' | 'already_in_state' | 'deadline_not_reached'
>;
export type Expected = JobStatus | `!${RefusalCode}`;

const EXPIRED = '!job_expired';
const NOT_ALLOWED = '!transition_not_allowed';
const ALREADY = '!already_in_state';
const TOO_EARLY = '!deadline_not_reached';

/**
 * The table for a job whose clock has not run out (now is before expires_at), with
 * first_response_at empty and nobody having written yet (lastWriter null). The two rules that
 * depend on who wrote last (open on `new`, reactivate) are refined by `expectedFor` below.
 */
export const SPEC: Record<JobStatus, Record<JobAction, Expected>> = {
  new: {
    open: 'opened',
    team_message: 'responded',
    merchant_message: 'new',
    decline: 'declined',
    merchant_decline: 'declined',
    mark_inactive: 'inactive',
    reactivate: NOT_ALLOWED,
    mark_complete: 'completed',
    assign: 'new',
    expire: TOO_EARLY,
  },
  opened: {
    open: 'opened',
    team_message: 'responded',
    merchant_message: 'awaiting_response',
    decline: 'declined',
    merchant_decline: 'declined',
    mark_inactive: 'inactive',
    reactivate: NOT_ALLOWED,
    mark_complete: 'completed',
    assign: 'opened',
    expire: TOO_EARLY,
  },
  responded: {
    open: 'responded',
    team_message: 'responded',
    merchant_message: 'awaiting_response',
    decline: 'declined',
    merchant_decline: 'declined',
    mark_inactive: 'inactive',
    reactivate: NOT_ALLOWED,
    mark_complete: 'completed',
    assign: 'responded',
    // Not in the expire row: the clock only runs in new, opened and awaiting_response.
    expire: NOT_ALLOWED,
  },
  awaiting_response: {
    open: 'awaiting_response',
    team_message: 'responded',
    merchant_message: 'awaiting_response',
    decline: 'declined',
    merchant_decline: 'declined',
    mark_inactive: 'inactive',
    reactivate: NOT_ALLOWED,
    mark_complete: 'completed',
    assign: 'awaiting_response',
    expire: TOO_EARLY,
  },
  inactive: {
    open: 'inactive',
    team_message: 'inactive',
    merchant_message: 'inactive',
    decline: 'declined',
    merchant_decline: 'declined',
    mark_inactive: ALREADY,
    // With nobody having written (the table's job): back to opened. Refined by expectedFor.
    reactivate: 'opened',
    mark_complete: 'completed',
    assign: 'inactive',
    expire: NOT_ALLOWED,
  },
  completed: {
    open: 'completed',
    team_message: 'completed',
    merchant_message: 'completed',
    decline: NOT_ALLOWED,
    merchant_decline: NOT_ALLOWED,
    mark_inactive: NOT_ALLOWED,
    reactivate: NOT_ALLOWED,
    mark_complete: ALREADY,
    assign: 'completed',
    expire: NOT_ALLOWED,
  },
  declined: {
    open: 'declined',
    team_message: NOT_ALLOWED,
    merchant_message: 'declined',
    decline: ALREADY,
    merchant_decline: ALREADY,
    mark_inactive: NOT_ALLOWED,
    reactivate: NOT_ALLOWED,
    mark_complete: NOT_ALLOWED,
    assign: NOT_ALLOWED,
    expire: NOT_ALLOWED,
  },
  expired: {
    open: EXPIRED,
    team_message: EXPIRED,
    merchant_message: 'expired',
    decline: EXPIRED,
    merchant_decline: EXPIRED,
    mark_inactive: EXPIRED,
    reactivate: EXPIRED,
    mark_complete: EXPIRED,
    assign: EXPIRED,
    expire: ALREADY,
  },
};

/** Statuses in which the 72-hour clock runs while the team has not answered. */
export const CLOCK_STATUSES: ReadonlySet<JobStatus> = new Set([
  'new',
  'opened',
  'awaiting_response',
]);

export const CLOSED: ReadonlySet<JobStatus> = new Set(['completed', 'declined', 'expired']);

/** Whether the spec says this job is expired at `now` (stored so, or past its deadline). */
export function expiredAt(job: JobFacts, now: Date): boolean {
  return (
    job.status === 'expired' ||
    (job.firstResponseAt === null &&
      CLOCK_STATUSES.has(job.status) &&
      now.getTime() >= job.expiresAt.getTime())
  );
}

/** The spec's answer for any job, at any time, with any last writer. */
export function expectedFor(job: JobFacts, action: JobAction, now: Date): Expected {
  if (job.status !== 'expired' && expiredAt(job, now)) {
    // Past the deadline but not swept yet: it is an expired job, except that the clock may now
    // mark it expired.
    return action === 'expire' ? 'expired' : SPEC.expired[action];
  }
  if (action === 'expire' && CLOCK_STATUSES.has(job.status) && job.firstResponseAt !== null) {
    // The team has answered: the job never expires.
    return NOT_ALLOWED;
  }
  if (action === 'open' && job.status === 'new') {
    return job.lastWriter === 'merchant' && job.firstResponseAt === null
      ? 'awaiting_response'
      : 'opened';
  }
  if (action === 'reactivate' && job.status === 'inactive') {
    // "By who wrote last": the team → responded, the merchant → awaiting; nobody → opened.
    if (job.lastWriter === null) return 'opened';
    return job.lastWriter === 'team' ? 'responded' : 'awaiting_response';
  }
  return SPEC[job.status][action];
}

/** What the code answers, in the same shape as the table. */
export function outcomeOf(job: JobFacts, action: JobAction, now: Date): Expected {
  try {
    return decide(job, action, now).to;
  } catch (error) {
    if (error instanceof DomainError) return `!${error.code}` as Expected;
    throw error;
  }
}
