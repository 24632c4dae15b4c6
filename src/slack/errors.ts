import { DomainError } from '../domain/index.ts';
import type { Logger } from '../logger.ts';
import { slackDate } from './mrkdwn.ts';
import { alreadyInStateFacts, alreadyInStateText } from './refusal-text.ts';

/**
 * The words a person sees when their action is refused. Domain refusals carry their own reason
 * (in plain text; where Slack says more, such as a mention, it is written here from the facts);
 * anything else is our fault, is logged, and the person learns that nothing changed.
 */
export function explain(error: unknown, logger: Logger): string {
  if (error instanceof DomainError) {
    if (error.code === 'job_expired' && typeof error.details.expiredAt === 'string') {
      const at = new Date(error.details.expiredAt);
      const when = slackDate(at, '{date_short_pretty} at {time}', error.message);
      return `:alarm_clock: ${error.details.ref} expired ${when} — expired jobs can't be acted on.`;
    }
    const facts = error.code === 'already_in_state' && alreadyInStateFacts(error.details);
    if (facts) return `:warning: ${alreadyInStateText(facts)}`;
    return `:warning: ${error.message}`;
  }
  if (isExpiredTrigger(error)) {
    // Slack honours a click's trigger for 3 seconds; jobdesk was too busy to open the modal.
    logger.warn('a modal could not open: its trigger expired');
    return ':hourglass_flowing_sand: Slack gives jobdesk 3 seconds to open that window, and it was busy just then. Nothing was changed: click the same button (or run the command) again and it opens.';
  }
  logger.error({ err: error }, 'a Slack action failed');
  return ':boom: Something went wrong on our side and nothing was changed. Please try again in a moment.';
}

/** Slack refused a modal because the click's or command's 3-second trigger had expired. */
export function isExpiredTrigger(error: unknown): boolean {
  return slackErrorCode(error) === 'expired_trigger_id';
}

/** Slack's own error code of a failed Web API call (`expired_trigger_id`…), if it is one. */
function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
