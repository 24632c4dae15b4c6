import { DomainError } from '../domain/index.ts';
import type { Logger } from '../logger.ts';
import { slackDate } from './mrkdwn.ts';

/**
 * The words a person sees when their action is refused. Domain refusals carry their own reason;
 * anything else is our fault, is logged, and the person learns that nothing changed.
 */
export function explain(error: unknown, logger: Logger): string {
  if (error instanceof DomainError) {
    if (error.code === 'job_expired' && typeof error.details.expiredAt === 'string') {
      const at = new Date(error.details.expiredAt);
      const when = slackDate(at, '{date_short_pretty} at {time}', error.message);
      return `:alarm_clock: ${error.details.ref} expired ${when} — expired jobs can't be acted on.`;
    }
    return `:warning: ${error.message}`;
  }
  logger.error({ err: error }, 'a Slack action failed');
  return ':boom: Something went wrong on our side and nothing was changed. Please try again in a moment.';
}
