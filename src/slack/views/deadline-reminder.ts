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

/** Jobs one reminder lists with an Open each; Slack allows 50 blocks a message. */
export const MAX_REMINDER_JOBS = 40;

const FOOTER =
  'Unanswered jobs expire 72 hours after they were created, and then can’t be acted on.';

const leftText = (stage: ReminderStage) => (stage === '4h' ? 'about 4 hours' : 'about a day');

/**
 * The reminder of one job nobody is assigned to, a day and again four hours before its 72 hours
 * run out: posted under its card and broadcast to the channel, since the whole team owns it.
 */
export function channelReminder({ job, merchant, stage, now }: ChannelReminderInput): SlackMessage {
  const ref = formatJobRef(job.number);
  const who = merchantName(merchant, 100);
  const sentence = `${ref} expires ${slackDate(job.expiresAt)} — ${leftText(stage)} left`;
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
      context(FOOTER),
    ],
  };
}

/**
 * The reminders that fell due at one tick, as one channel message: a line per job with its Open
 * button, soonest deadline first. One job alone reads as channelReminder does.
 */
export function channelReminders(items: ChannelReminderInput[]): SlackMessage | undefined {
  const sorted = [...items].sort((a, b) => a.job.expiresAt.getTime() - b.job.expiresAt.getTime());
  const [only] = sorted;
  if (!only) return undefined;
  if (sorted.length === 1) return channelReminder(only);
  const shown = sorted.slice(0, MAX_REMINDER_JOBS);
  const lines = shown.map(({ job, merchant, stage }) => ({
    type: 'section' as const,
    text: {
      type: 'mrkdwn' as const,
      text: `*${formatJobRef(job.number)}* ${titleText(job, 150)} — ${merchantName(merchant, 100)}\nexpires ${slackDate(job.expiresAt)} · ${leftText(stage)} left`,
    },
    accessory: button({ text: 'Open', actionId: ACTIONS.openJob, value: String(job.number) }),
  }));
  const more = sorted.length - shown.length;
  const refs = sorted.map(({ job }) => formatJobRef(job.number));
  return {
    text: `${sorted.length} jobs nobody is on expire soon: ${refs.join(', ')}`,
    blocks: [
      section(
        `:alarm_clock: *${sorted.length} jobs expire soon, and nobody is assigned or has answered*\nTake one with *Open*, or from its card.`,
      ),
      ...lines,
      ...(more > 0 ? [context(`…and ${more} more: \`/jobs list unassigned\``)] : []),
      context(FOOTER),
    ],
  };
}

/**
 * An assignee's reminders of one tick as one DM: their jobs that expire soon unanswered, each
 * with Open, soonest first.
 */
export function assigneeReminders(items: ChannelReminderInput[]): SlackMessage {
  const sorted = [...items].sort((a, b) => a.job.expiresAt.getTime() - b.job.expiresAt.getTime());
  const shown = sorted.slice(0, MAX_REMINDER_JOBS);
  const refs = sorted.map(({ job }) => formatJobRef(job.number));
  return {
    text: `${sorted.length} of your jobs expire soon: ${refs.join(', ')}`,
    blocks: [
      section(
        `:alarm_clock: *${sorted.length} of your jobs expire soon, and nobody has answered the merchant yet*`,
      ),
      ...shown.map(({ job, merchant, stage }) => ({
        type: 'section' as const,
        text: {
          type: 'mrkdwn' as const,
          text: `*${formatJobRef(job.number)}* ${titleText(job, 150)} — ${merchantName(merchant, 100)}\nexpires ${slackDate(job.expiresAt)} · ${leftText(stage)} left`,
        },
        accessory: button({ text: 'Open', actionId: ACTIONS.openJob, value: String(job.number) }),
      })),
      ...(sorted.length > shown.length
        ? [context(`…and ${sorted.length - shown.length} more: \`/jobs mine\``)]
        : []),
      context(`You get this because you're assigned to them. ${FOOTER}`),
    ],
  };
}
