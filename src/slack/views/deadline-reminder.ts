import { formatJobRef, isAllowed, type Job, type Merchant } from '../../domain/index.ts';
import { ACTIONS } from '../ids.ts';
import { slackDate } from '../mrkdwn.ts';
import { actions, button, context, type SlackMessage, section } from './blocks.ts';
import { headingText, merchantName, openAndReplyButtons, titleText } from './job-facts.ts';

export type ReminderStage = '24h' | '4h';

export interface ChannelReminderInput {
  job: Job;
  merchant: Merchant;
  stage: ReminderStage;
  now: Date;
}

/**
 * The reminder posted under the card of a job that nobody is assigned to, a day and again four
 * hours before its 72 hours run out. Broadcast to the channel: the whole team owns it.
 */
export function channelReminder({ job, merchant, stage, now }: ChannelReminderInput): SlackMessage {
  const ref = formatJobRef(job.number);
  const left = stage === '4h' ? 'about 4 hours' : 'about a day';
  const who = merchantName(merchant, 100);
  const sentence = `${ref} expires ${slackDate(job.expiresAt)} — ${left} left`;
  const buttons = openAndReplyButtons(job, now);
  if (isAllowed(job, 'assign', now)) {
    buttons.push(
      button({ text: 'Assign to me', actionId: ACTIONS.assignSelf, value: String(job.number) }),
    );
  }
  return {
    text: `${sentence}: nobody has answered ${who} yet · ${titleText(job, 150)}`,
    blocks: [
      section(
        `:alarm_clock: *${sentence}*\nNobody is assigned and nobody has answered ${who} yet.\n${headingText(job)}`,
      ),
      ...(buttons.length ? [actions(buttons)] : []),
      context(
        'Unanswered jobs expire 72 hours after they were created, and then can’t be acted on.',
      ),
    ],
  };
}
