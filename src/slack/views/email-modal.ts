import type { KnownBlock, ModalView } from '@slack/types';
import type { StoredEmail } from '../../services/index.ts';
import { ACTIONS, VIEWS } from '../ids.ts';
import {
  escapeMrkdwn,
  fitMrkdwn,
  fitPrefix,
  MAX_MODAL_BLOCKS,
  MAX_SECTION_TEXT,
  slackDate,
} from '../mrkdwn.ts';
import { actions, button, context, section } from './blocks.ts';
import { modal } from './modal-parts.ts';

const LABEL = 60;

function label(email: StoredEmail): string {
  const way = email.direction === 'inbound' ? 'From' : 'To';
  const who = email.direction === 'inbound' ? email.fromAddress : email.toAddress;
  const text = `${way} ${who ?? '?'}: ${email.subject ?? '(no subject)'}`;
  return text.length > LABEL ? `${text.slice(0, LABEL - 1)}…` : text;
}

/** The conversation's emails in the job details: one button each opens it whole. */
export function emailButtons(emails: StoredEmail[]): KnownBlock[] {
  return [
    context(
      `*Emails* · the ${emails.length === 1 ? 'one' : `latest ${emails.length}`} of this conversation, readable whole`,
    ),
    actions(
      emails.map((email) =>
        // Slack wants action ids unique within a view: the email's id makes each one so.
        button({
          text: label(email),
          actionId: `${ACTIONS.readEmail}:${email.id}`,
          value: String(email.id),
        }),
      ),
    ),
  ];
}

function deliveryLine(email: StoredEmail): string | undefined {
  if (email.direction !== 'outbound') return undefined;
  if (email.delivery === 'sent') return 'Delivered to the mail relay';
  if (email.delivery === 'queued') return 'Waiting in the outbox';
  if (email.delivery === 'not_delivered') {
    return `Not delivered: ${fitMrkdwn(email.deliveryNote ?? 'no reason given', 500).text}`;
  }
  return undefined;
}

/**
 * One email, whole, as text (never its HTML): every line escaped, spread over as many sections
 * as the modal allows, cut with a note past that (about 280,000 characters).
 */
export function emailModal(email: StoredEmail): ModalView {
  const blocks: KnownBlock[] = [];
  const facts = [
    email.direction === 'inbound' ? 'Received' : 'Sent',
    slackDate(email.sentAt),
    email.attachments.length
      ? `${email.attachments.length} attachment${email.attachments.length === 1 ? '' : 's'}: ${fitMrkdwn(email.attachments.map((a) => a.name).join(', '), 500).text}`
      : '',
    deliveryLine(email) ?? '',
  ].filter(Boolean);
  blocks.push(context(...facts.slice(0, 10)));
  const room = MAX_MODAL_BLOCKS - blocks.length;
  const cut = '\n_(cut — the email is longer than Slack can show)_';
  let rest = email.text;
  for (let i = 0; i < room && rest; i++) {
    const last = i === room - 1;
    const render = (raw: string) => `\`\`\`${escapeMrkdwn(raw)}\`\`\``;
    if (render(rest).length <= MAX_SECTION_TEXT) {
      blocks.push(section(render(rest)));
      break;
    }
    // Escaping only lengthens text: what fits comes from the first section's worth of it, and
    // looking no further keeps a 300,000-character email from being measured 95 times whole.
    const prefix = fitPrefix(
      rest.slice(0, MAX_SECTION_TEXT),
      MAX_SECTION_TEXT - (last ? cut.length : 0),
      render,
    );
    if (prefix === '') break;
    blocks.push(section(render(prefix) + (last ? cut : '')));
    rest = rest.slice(prefix.length);
  }
  return modal({ callbackId: VIEWS.email, title: 'Email', close: 'Back', blocks });
}
