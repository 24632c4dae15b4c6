import { isPastDeadline } from './deadlines.ts';
import { alreadyInState, DomainError, formatMoment, jobExpired } from './errors.ts';
import { formatJobRef } from './job-ref.ts';
import { CLOSED_STATUSES, isJobStatus, type JobStatus, STATUS_LABELS } from './status.ts';

/** Everything that can happen to a job, and how a refusal names it ("can be …"). */
const ACTION_CAN = {
  open: 'be opened',
  team_message: 'get a reply from the team',
  merchant_message: 'get a merchant message',
  decline: 'be declined',
  merchant_decline: 'be declined by the merchant',
  mark_inactive: 'be marked inactive',
  reactivate: 'be reactivated',
  mark_complete: 'be marked complete',
  assign: 'have their assignees changed',
  expire: 'expire',
} as const;

export type JobAction = keyof typeof ACTION_CAN;
export const JOB_ACTIONS = Object.keys(ACTION_CAN) as JobAction[];

/**
 * What an allowed action does to the status:
 * - a status: the job moves there;
 * - `unchanged`: allowed, the status stays (a view is recorded, a message is stored…);
 * - `opened_or_awaiting`: `awaiting_response` if the merchant wrote and nobody answered, else `opened`;
 * - `by_last_writer`: `responded` if the team wrote last, `awaiting_response` if the merchant did,
 *   `opened` if nobody wrote yet (the team has seen the job, nobody has answered it).
 */
export type Outcome = JobStatus | 'unchanged' | 'opened_or_awaiting' | 'by_last_writer';

const TEAM_CAN_WRITE = {
  new: 'responded',
  opened: 'responded',
  responded: 'responded',
  awaiting_response: 'responded',
  inactive: 'unchanged',
  completed: 'unchanged',
} as const;

/** docs/design.md section 1 as data: a status missing from an action's row is refused. */
export const TRANSITIONS: Record<JobAction, Partial<Record<JobStatus, Outcome>>> = {
  open: {
    new: 'opened_or_awaiting',
    opened: 'unchanged',
    responded: 'unchanged',
    awaiting_response: 'unchanged',
    inactive: 'unchanged',
    completed: 'unchanged',
    declined: 'unchanged',
  },
  team_message: TEAM_CAN_WRITE,
  merchant_message: {
    new: 'unchanged',
    opened: 'awaiting_response',
    responded: 'awaiting_response',
    awaiting_response: 'unchanged',
    inactive: 'unchanged',
    completed: 'unchanged',
    declined: 'unchanged',
    expired: 'unchanged',
  },
  decline: {
    new: 'declined',
    opened: 'declined',
    responded: 'declined',
    awaiting_response: 'declined',
    inactive: 'declined',
  },
  merchant_decline: {
    new: 'declined',
    opened: 'declined',
    responded: 'declined',
    awaiting_response: 'declined',
    inactive: 'declined',
  },
  mark_inactive: {
    new: 'inactive',
    opened: 'inactive',
    responded: 'inactive',
    awaiting_response: 'inactive',
  },
  reactivate: { inactive: 'by_last_writer' },
  mark_complete: {
    new: 'completed',
    opened: 'completed',
    responded: 'completed',
    awaiting_response: 'completed',
    inactive: 'completed',
  },
  assign: {
    new: 'unchanged',
    opened: 'unchanged',
    responded: 'unchanged',
    awaiting_response: 'unchanged',
    inactive: 'unchanged',
    completed: 'unchanged',
  },
  expire: { new: 'expired', opened: 'expired', awaiting_response: 'expired' },
};

/** The facts about a job that the workflow needs; nothing about Slack or storage. */
export interface JobFacts {
  number: number;
  status: JobStatus;
  expiresAt: Date;
  firstResponseAt: Date | null;
  /** Who sent the last message on the job's conversation, if anyone did. */
  lastWriter: 'merchant' | 'team' | null;
}

export interface Decision {
  action: JobAction;
  from: JobStatus;
  to: JobStatus;
  /** Whether the status changes (a view or a message on an inactive job does not). */
  changed: boolean;
  /** Timestamps to set now; each is set only when it is still empty. */
  setOpenedAt: boolean;
  setFirstResponseAt: boolean;
  setClosedAt: boolean;
}

/** The status a job really has at `now`: a job past its deadline is expired even before the sweep. */
export function effectiveStatus(job: JobFacts, now: Date): JobStatus {
  return isPastDeadline(job, now) ? 'expired' : job.status;
}

/** Whether `action` would be accepted for `job` at `now`: used to show only the buttons that work. */
export function isAllowed(job: JobFacts, action: JobAction, now: Date): boolean {
  try {
    decide(job, action, now);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** Decides `action` for `job` at `now`, or throws a DomainError that says why not. */
export function decide(job: JobFacts, action: JobAction, now: Date): Decision {
  const from = effectiveStatus(job, now);

  if (action === 'expire') {
    if (job.status === 'expired') throw alreadyInState(job.number, 'expired');
    if (from === 'expired') return decision(action, job.status, 'expired', job);
    // Not in the expire row (responded, inactive, completed, declined): refused like any other pair.
    if (!TRANSITIONS.expire[job.status]) throw refusal(job, action, job.status);
    const ref = formatJobRef(job.number);
    if (job.firstResponseAt) {
      throw new DomainError(
        'transition_not_allowed',
        `${ref} can't expire: the team answered on ${formatMoment(job.firstResponseAt)}`,
        { ref, action, status: job.status },
      );
    }
    throw new DomainError(
      'deadline_not_reached',
      `${ref} expires only on ${formatMoment(job.expiresAt)}`,
      { ref, expiresAt: job.expiresAt.toISOString() },
    );
  }

  const outcome = TRANSITIONS[action][from];
  if (outcome === undefined) throw refusal(job, action, from);
  return decision(action, from, resolve(outcome, from, job), job);
}

function resolve(outcome: Outcome, from: JobStatus, job: JobFacts): JobStatus {
  switch (outcome) {
    case 'unchanged':
      return from;
    case 'opened_or_awaiting':
      return job.lastWriter === 'merchant' && job.firstResponseAt === null
        ? 'awaiting_response'
        : 'opened';
    case 'by_last_writer':
      // Back to where it was: nobody wrote, so it is a job the team has seen and not answered.
      if (job.lastWriter === 'team') return 'responded';
      return job.lastWriter === 'merchant' ? 'awaiting_response' : 'opened';
    default:
      return outcome;
  }
}

function decision(action: JobAction, from: JobStatus, to: JobStatus, job: JobFacts): Decision {
  return {
    action,
    from,
    to,
    changed: from !== to,
    setOpenedAt: action === 'open',
    setFirstResponseAt: action === 'team_message' && job.firstResponseAt === null,
    setClosedAt: from !== to && CLOSED_STATUSES.has(to),
  };
}

function refusal(job: JobFacts, action: JobAction, from: JobStatus): DomainError {
  const ref = formatJobRef(job.number);
  if (from === 'expired') return jobExpired(job.number, job.expiresAt);
  const target = singleTarget(action);
  if (target === from) return alreadyInState(job.number, from);
  const allowed = Object.keys(TRANSITIONS[action]).map((s) => STATUS_LABELS[s as JobStatus]);
  return new DomainError(
    'transition_not_allowed',
    `${ref} is ${STATUS_LABELS[from].toLowerCase()} — only jobs that are ${listOf(allowed)} can ${ACTION_CAN[action]}`,
    { ref, action, status: from },
  );
}

/** The one status an action leads to, when it always leads to the same one. */
function singleTarget(action: JobAction): JobStatus | undefined {
  const outcomes = new Set(Object.values(TRANSITIONS[action]));
  const [only] = outcomes;
  return outcomes.size === 1 && only !== undefined && isJobStatus(only) ? only : undefined;
}

function listOf(items: string[]): string {
  const lower = items.map((s) => s.toLowerCase());
  return lower.length <= 1
    ? (lower[0] ?? '')
    : `${lower.slice(0, -1).join(', ')} or ${lower[lower.length - 1]}`;
}
