import type { KnownBlock } from '@slack/types';
import type { DeadDeliveries } from '../../services/index.ts';
import { ACTIONS } from '../ids.ts';
import { fitMrkdwn, slackDate } from '../mrkdwn.ts';
import { actions, button, context, type SlackMessage, section } from './blocks.ts';

const ERROR_SHOWN = 300;

/**
 * `/jobs outbox`: the deliveries that kept failing, newest first, each with a Retry button,
 * and Retry all. Only admins get here. Errors are Slack's codes or our own messages, escaped.
 */
export function deadDeliveriesMessage(dead: DeadDeliveries, note?: string): SlackMessage {
  const blocks: KnownBlock[] = [];
  if (note) blocks.push(section(note));
  if (dead.total === 0) {
    blocks.push(
      section(':white_check_mark: Every delivery to Slack went through: nothing failed.'),
    );
    return { text: 'No failed deliveries', blocks };
  }
  blocks.push(
    section(
      `:warning: *${dead.total} deliver${dead.total === 1 ? 'y' : 'ies'} failed for good* — jobdesk gave up after retrying. Fix the cause (a channel the app left, a revoked token…), then retry: each one is rendered from the job as it is now.`,
    ),
  );
  for (const row of dead.rows) {
    const error = fitMrkdwn(row.lastError ?? 'no error recorded', ERROR_SHOWN).text;
    const when = row.deadAt ? ` · gave up ${slackDate(row.deadAt)}` : '';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${row.about}*\n\`${error}\` · ${row.attempts} attempt${row.attempts === 1 ? '' : 's'}${when}`,
        verbatim: true,
      },
      accessory: button({
        text: `Retry ${row.short}`,
        actionId: ACTIONS.outboxRetry,
        value: String(row.id),
      }),
    });
  }
  if (dead.total > dead.rows.length) {
    blocks.push(context(`…and ${dead.total - dead.rows.length} older ones.`));
  }
  blocks.push(
    actions([
      button({
        text: `Retry all ${dead.total}`,
        actionId: ACTIONS.outboxRetry,
        value: 'all',
        style: 'primary',
      }),
    ]),
  );
  return { text: `${dead.total} failed deliveries`, blocks };
}

export interface DeadNoticeInput {
  total: number;
  /** The newest dead delivery, in words ("The card of J-12"). */
  about: string;
  /** Its last error, which says what to do when jobdesk knows (`/invite @jobdesk`…). */
  error: string;
}

/** The DM admins get when deliveries to Slack failed for good: what failed, why, what to do. */
export function deadDeliveriesNotice({ total, about, error }: DeadNoticeInput): SlackMessage {
  const what = total === 1 ? 'A delivery to Slack' : `${total} deliveries to Slack`;
  const shown = fitMrkdwn(error, ERROR_SHOWN).text;
  const text = `:warning: *${what} failed for good.* The newest: ${fitMrkdwn(about, 200).text} — \`${shown}\``;
  return {
    text: `${what} failed for good: ${fitMrkdwn(about, 200).text}`,
    blocks: [
      section(text),
      context(
        'Fix the cause, then `/jobs outbox` retries them (each is rendered from the job as it is now). You get this because you are a jobdesk admin.',
      ),
    ],
  };
}
