import { formatJobRef } from './job-ref.ts';
import { type JobStatus, STATUS_LABELS } from './status.ts';

/**
 * Every refusal the domain or a use case can give, as a stable code. The message is plain text
 * fit for a person (logs, the intake API); `details` hold the facts, from which the Slack layer
 * writes its own mrkdwn where it says more (a mention, a date in the reader's time zone).
 */
export type DomainErrorCode =
  | 'job_expired'
  | 'transition_not_allowed'
  | 'already_in_state'
  | 'deadline_not_reached'
  | 'job_not_found'
  | 'conversation_not_found'
  | 'conversation_has_job'
  | 'nothing_to_change'
  | 'invalid_input'
  | 'forbidden';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "30 Nov at 14:05 UTC": plain text for logs and the API; Slack renders its own local time. */
export function formatMoment(at: Date): string {
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} at ${hh}:${mm} UTC`;
}

export function jobExpired(number: number, expiredAt: Date): DomainError {
  const ref = formatJobRef(number);
  return new DomainError(
    'job_expired',
    `${ref} expired on ${formatMoment(expiredAt)} — expired jobs can't be acted on`,
    { ref, expiredAt: expiredAt.toISOString() },
  );
}

/** What an `already_in_state` refusal carries in its `details`: the job, and who got there first. */
export interface AlreadyInStateFacts {
  ref: string;
  status: JobStatus;
  /** The actor of the move that reached `status` (a Slack user id or a role word), if known. */
  by?: string | undefined;
  /** When that move happened, as an ISO string. */
  at?: string | undefined;
}

export function alreadyInState(
  number: number,
  status: JobStatus,
  by?: { actor: string; at: Date },
): DomainError {
  const facts: AlreadyInStateFacts = {
    ref: formatJobRef(number),
    status,
    by: by?.actor,
    at: by?.at.toISOString(),
  };
  return new DomainError('already_in_state', sayAlreadyInState(facts), { ...facts });
}

/**
 * "J-12 is already declined by U123 on 30 Nov at 14:05 UTC". `nameActor` says who: in plain
 * words here (logs, the API); the Slack layer passes one that writes a person as a mention.
 */
export function sayAlreadyInState(
  facts: AlreadyInStateFacts,
  nameActor: (actor: string) => string = describeActor,
): string {
  const who =
    facts.by !== undefined && facts.at !== undefined
      ? ` by ${nameActor(facts.by)} on ${formatMoment(new Date(facts.at))}`
      : '';
  return `${facts.ref} is already ${STATUS_LABELS[facts.status].toLowerCase()}${who}`;
}

/** Whether an actor is a person (a Slack user id) rather than a role word (`system`, `merchant`). */
export function actorIsPerson(actor: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(actor);
}

/** An actor in plain words: a person by their user id, the clock and the merchant by their role. */
export function describeActor(actor: string): string {
  if (actorIsPerson(actor)) return actor;
  if (actor === 'system') return 'the 72-hour clock';
  return `the ${actor}`;
}
