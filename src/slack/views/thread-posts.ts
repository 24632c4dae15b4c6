import type { Merchant, Message, Proposal } from '../../domain/index.ts';
import { fitMrkdwn, MAX_SECTION_TEXT, mention, quote, slackDate } from '../mrkdwn.ts';
import { context, type SlackMessage, section } from './blocks.ts';
import { emailedLine } from './email-posts.ts';
import { merchantName, proposalText } from './job-facts.ts';

export interface MerchantMessagePostInput {
  message: Message;
  merchant: Merchant;
}

export interface TeamMessagePostInput {
  message: Message;
  /** Where the reply was emailed, when it left by email. */
  emailedTo?: string | undefined;
}

export interface ProposalPostInput {
  proposal: Proposal;
  merchant: Merchant;
}

/** How much of a message the notification shows; the post itself shows as much as fits. */
const PREVIEW = 150;

function cutNotice(message: Message): string {
  // A conversation without a job has no View conversation; the text is still kept in full.
  return message.jobId === null
    ? '\n_(message cut — jobdesk keeps the whole text)_'
    : '\n_(message cut — open View conversation for the whole text)_';
}

/** One section: the heading, then the body as a quote, cut so the whole fits Slack's limit. */
function quotedPost(heading: string, message: Message): string {
  return fitMrkdwn(message.body, MAX_SECTION_TEXT, {
    suffix: cutNotice(message),
    wrap: (escaped) => `${heading}\n${quote(escaped)}`,
  }).text;
}

function preview(body: string): string {
  return fitMrkdwn(body.replace(/\s+/g, ' ').trim(), PREVIEW).text;
}

/**
 * Said under every merchant message, where the team is about to answer: Slack lets anyone type
 * into the thread, and jobdesk does not read those messages, so they never reach the merchant.
 */
export const INTERNAL_NOTE_HINT =
  'Answer with *Reply* (or `/jobs reply`): what you type in this thread is an internal note the merchant never sees.';

/** A merchant's message, posted in its conversation's thread. */
export function merchantMessagePost({ message, merchant }: MerchantMessagePostInput): SlackMessage {
  const name = merchantName(merchant);
  return {
    text: `${merchantName(merchant, 100)} wrote: ${preview(message.body)}`,
    blocks: [
      section(quotedPost(`:envelope: *${name}* wrote:`, message)),
      context(slackDate(message.sentAt), INTERNAL_NOTE_HINT),
    ],
  };
}

/** A reply the team sent to the merchant (from a modal, `/jobs reply` or elsewhere). */
export function teamMessagePost({ message, emailedTo }: TeamMessagePostInput): SlackMessage {
  const who = message.authorUserId ? mention(message.authorUserId) : 'The team';
  const sent = slackDate(message.sentAt);
  return {
    text: `${who} replied to the merchant: ${preview(message.body)}`,
    blocks: [
      section(quotedPost(`:outbox_tray: ${who} replied to the merchant:`, message)),
      emailedTo
        ? context(`Sent to the merchant · ${sent}`, emailedLine(emailedTo))
        : context(`Sent to the merchant · ${sent}`),
    ],
  };
}

/** An accepted proposal: for a new store it stands in for the job that is not created. */
export function proposalPost({ proposal, merchant }: ProposalPostInput): SlackMessage {
  const name = merchantName(merchant);
  const outcome =
    proposal.storeChoice === 'new'
      ? 'New store: no job is created; the accepted proposal stays in this conversation.'
      : 'Existing store: a job was created for it.';
  return {
    text: `${merchantName(merchant, 100)} accepted a proposal: ${proposalText(proposal)}`,
    blocks: [
      section(`:handshake: *${name}* accepted a proposal: ${proposalText(proposal)}\n${outcome}`),
      context(slackDate(proposal.acceptedAt)),
    ],
  };
}
