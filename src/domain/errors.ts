import { formatJobRef } from './job-ref.ts';
import { type JobStatus, STATUS_LABELS } from './status.ts';

/**
 * Every refusal the domain or a use case can give, as a stable code. The Slack layer and the
 * HTTP layer map codes to their own presentation; the message is already fit for a person.
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

export function alreadyInState(
  number: number,
  status: JobStatus,
  by?: { actor: string; at: Date },
): DomainError {
  const ref = formatJobRef(number);
  const who = by ? ` by ${describeActor(by.actor)} on ${formatMoment(by.at)}` : '';
  return new DomainError(
    'already_in_state',
    `${ref} is already ${STATUS_LABELS[status].toLowerCase()}${who}`,
    { ref, status, by: by?.actor, at: by?.at.toISOString() },
  );
}

/** Actors are Slack user ids (written as mentions, which Slack shows as names) or a role word. */
export function describeActor(actor: string): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(actor)) return `<@${actor}>`;
  if (actor === 'system') return 'the 72-hour clock';
  return `the ${actor}`;
}
