import type { StoredEmail } from '../../services/index.ts';
import { escapeMrkdwn, fitMrkdwn, quote, slackDate } from '../mrkdwn.ts';
import { context, type SlackMessage, section } from './blocks.ts';

const PREVIEW = 500;

/** An auto-reply or list mail in a conversation's thread: shown, marked automatic, nothing more. */
export function automaticEmailPost(email: StoredEmail): SlackMessage {
  const from = escapeMrkdwn((email.fromAddress ?? 'someone').slice(0, 320));
  const subject = email.subject ? ` — _${escapeMrkdwn(email.subject.slice(0, 200))}_` : '';
  const body = fitMrkdwn(
    email.text
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n\n') || email.text,
    PREVIEW,
    {
      suffix: '…',
      wrap: quote,
    },
  ).text;
  return {
    text: `Automatic reply from ${from}`,
    blocks: [
      // From (≤ 320), subject (≤ 200) and body (≤ 500) stay well within a section's 3000.
      section(`:robot_face: *Automatic email* from ${from}${subject}\n${body}`),
      context(
        'An auto-reply or list mail: no status changed, nobody was notified.',
        slackDate(email.sentAt),
      ),
    ],
  };
}

/** One of our emails did not reach the merchant: to whom, and the reason the mail server gave. */
export function notDeliveredPost(email: StoredEmail): SlackMessage {
  const to = escapeMrkdwn((email.toAddress ?? 'the merchant').slice(0, 320));
  const reason = escapeMrkdwn((email.deliveryNote ?? 'no reason given').slice(0, 1000));
  return {
    text: `The email to ${to} was not delivered`,
    blocks: [
      section(
        `:warning: *The email to ${to} was not delivered.*\nThe mail server said: \`${reason}\``,
      ),
      context(`Sent ${slackDate(email.sentAt)} · reply again, or reach the merchant another way`),
    ],
  };
}

/** The line under a team reply that went out by email. */
export function emailedLine(toAddress: string): string {
  return `:email: Emailed to ${escapeMrkdwn(toAddress)}`;
}
