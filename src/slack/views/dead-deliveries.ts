import type { KnownBlock } from '@slack/types';
import type { DeadDeliveries } from '../../services/outbox-admin.ts';
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
