import type { KnownBlock } from '@slack/types';
import type { Conversation, Merchant, Message, Proposal } from '../../domain/index.ts';
import { ACTIONS } from '../ids.ts';
import { fitMrkdwn, MAX_SECTION_TEXT, mention, quote, slackDate } from '../mrkdwn.ts';
import { actions, button, chunkLines, context, type SlackMessage, section } from './blocks.ts';
import { merchantName, proposalText, storeText } from './job-facts.ts';

export interface InquiryCardInput {
  conversation: Conversation;
  merchant: Merchant;
  messageCount: number;
  lastMessage?: Message;
  proposals: Proposal[];
}

const LAST_MESSAGE_PREVIEW = 500;
/** A card is a summary: the thread below it holds every proposal anyway. */
const MAX_PROPOSALS_LISTED = 10;

/**
 * The root message of a conversation without a job. The team can answer or say it can't help;
 * once it said so, nothing else happens, so the buttons go.
 */
export function inquiryCard({
  conversation,
  merchant,
  messageCount,
  lastMessage,
  proposals,
}: InquiryCardInput): SlackMessage {
  const name = merchantName(merchant);
  const store = storeText(merchant);
  const who = store ? `${name} (${store})` : name;
  const blocks: KnownBlock[] = [section(`:incoming_envelope: *${who}* wrote without a job`)];

  if (lastMessage) {
    const heading = `*Latest message* ${slackDate(lastMessage.sentAt)}`;
    const suffix = '\n_Cut here — the thread below has the whole message._';
    const body = fitMrkdwn(lastMessage.body, LAST_MESSAGE_PREVIEW + suffix.length, {
      suffix,
      wrap: quote,
    });
    blocks.push(section(`${heading}\n${body.text}`));
  }

  const accepted = proposals.filter((p) => p.storeChoice === 'new');
  if (accepted.length) {
    const lines = accepted.slice(0, MAX_PROPOSALS_LISTED).map(proposalLine);
    if (accepted.length > MAX_PROPOSALS_LISTED) {
      lines.push(`_and ${accepted.length - MAX_PROPOSALS_LISTED} more in the thread_`);
    }
    // Ten lines of at most ~400 characters: one or two sections.
    for (const chunk of chunkLines(lines, MAX_SECTION_TEXT)) blocks.push(section(chunk));
  }

  const count = messageCount === 1 ? '1 message' : `${messageCount} messages`;
  if (conversation.declinedAt) {
    const by = conversation.declinedBy ? mention(conversation.declinedBy) : 'The team';
    blocks.push(
      context(`${by} answered that we can't help · ${slackDate(conversation.declinedAt)}`, count),
    );
  } else {
    blocks.push(context(`${count} in this thread · no job, no deadline`));
    const value = String(conversation.id);
    blocks.push(
      actions([
        button({ text: 'Reply', actionId: ACTIONS.inquiryReply, value, style: 'primary' }),
        button({ text: "Can't help", actionId: ACTIONS.inquiryCantHelp, value }),
        button({ text: 'Create job', actionId: ACTIONS.inquiryCreateJob, value }),
      ]),
    );
  }

  return { text: `${merchantName(merchant, 100)} wrote without a job`, blocks };
}

/** "Proposal accepted: Theme tweaks — 500.00 USD (new store, no job)" */
export function proposalLine(proposal: Proposal): string {
  return `:handshake: Proposal accepted: ${proposalText(proposal)} (new store, no job)`;
}
