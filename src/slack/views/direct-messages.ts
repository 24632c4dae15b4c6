import type { KnownBlock } from '@slack/types';
import {
  effectiveStatus,
  formatJobRef,
  type Job,
  type JobStatus,
  type Merchant,
  type Message,
} from '../../domain/index.ts';
import type { DmReason } from '../../services/index.ts';
import { fitMrkdwn, MAX_SECTION_TEXT, mention, quote, slackDate } from '../mrkdwn.ts';
import { actions, context, fieldsSection, type SlackMessage, section } from './blocks.ts';
import {
  closedLines,
  deadlineText,
  factFields,
  headingText,
  merchantName,
  openAndReplyButtons,
  titleText,
} from './job-facts.ts';
import { statusLabel } from './status-display.ts';

export interface DirectMessageInput {
  reason: DmReason;
  job: Job;
  merchant: Merchant;
  /** Who did it: a Slack user id, or `system` (the 72-hour clock), `merchant`, `intake`. */
  by?: string;
  from?: JobStatus;
  to?: JobStatus;
  /** The merchant's message, for `merchant_message`. */
  message?: Message;
  now: Date;
}

const USER_ID = /^[UW][A-Z0-9]+$/;

/** " by <@U1>", " by the 72-hour clock", " by the merchant"; empty when nobody is known. */
function byWhom(by: string | undefined): string {
  if (!by) return '';
  if (by === 'system') return ' by the 72-hour clock';
  if (USER_ID.test(by)) return ` by ${mention(by)}`;
  return ` by the ${fitMrkdwn(by, 40).text}`;
}

const QUOTED_MESSAGE = 2000;

/**
 * A DM to an assignee. Rendered from the job's current state when delivered, so the buttons
 * are the ones that work now even if the DM waited in the outbox.
 */
export function directMessage({
  reason,
  job,
  merchant,
  by,
  from,
  to,
  message,
  now,
}: DirectMessageInput): SlackMessage {
  const ref = formatJobRef(job.number);
  const title = titleText(job, 150);
  const blocks: KnownBlock[] = [];
  let text: string;

  switch (reason) {
    case 'assigned': {
      const who = by && USER_ID.test(by) ? mention(by) : null;
      const lead = who ? `${who} assigned you to` : 'You were assigned to';
      blocks.push(section(`:wave: ${lead} ${headingText(job)}`));
      blocks.push(fieldsSection(factFields(job, merchant, now)));
      text = `${lead} ${ref} · ${title}`;
      break;
    }
    case 'merchant_message': {
      const name = merchantName(merchant);
      const heading = `:envelope: *${name}* wrote on ${headingText(job)}:`;
      if (message) {
        const suffix = '\n_(message cut — open View conversation for the whole text)_';
        const body = fitMrkdwn(message.body, Math.min(MAX_SECTION_TEXT, QUOTED_MESSAGE), {
          suffix,
          wrap: (escaped) => `${heading}\n${quote(escaped)}`,
        });
        blocks.push(section(body.text));
        blocks.push(context(slackDate(message.sentAt)));
      } else {
        blocks.push(section(heading));
      }
      if (from && to && from !== to) {
        blocks.push(context(`${ref} moved from ${statusLabel(from)} to ${statusLabel(to)}.`));
      }
      text = `${merchantName(merchant, 100)} wrote on ${ref} · ${title}`;
      break;
    }
    case 'status_changed': {
      const after = to ?? effectiveStatus(job, now);
      const move = from
        ? `moved from ${statusLabel(from)} to ${statusLabel(after)}`
        : `is now ${statusLabel(after)}`;
      const sentence = `${ref} ${move}${byWhom(by)}`;
      blocks.push(section(`:arrows_counterclockwise: *${sentence}*\n${headingText(job)}`));
      text = `${sentence} · ${title}`;
      break;
    }
    case 'deadline': {
      // The reminder may be delivered late: say what is true now, not what was true when queued.
      const running = deadlineText(job, now) !== null;
      const expired = effectiveStatus(job, now) === 'expired';
      const sentence = running
        ? `${ref} expires ${slackDate(job.expiresAt)}`
        : expired
          ? `${ref} expired ${slackDate(job.expiresAt)}`
          : `${ref} no longer expires`;
      const why = running
        ? 'nobody has answered the merchant yet'
        : expired
          ? "nobody answered within 72 hours; expired jobs can't be acted on"
          : 'the clock stopped';
      blocks.push(section(`:alarm_clock: *${sentence}* — ${why}\n${headingText(job)}`));
      blocks.push(fieldsSection(factFields(job, merchant, now)));
      text = `${sentence} · ${title}`;
      break;
    }
  }

  const closed = closedLines(job, now);
  if (closed.length) blocks.push(context(...closed));
  const buttons = openAndReplyButtons(job, now);
  if (buttons.length) blocks.push(actions(buttons));
  blocks.push(context(`You get this because you're assigned to ${ref}.`));
  return { text, blocks };
}
