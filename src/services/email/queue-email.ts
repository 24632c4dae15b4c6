import { randomBytes } from 'node:crypto';
import type { ServiceDeps } from '../context.ts';
import { emailSend } from '../outbox-topics.ts';
import type { OutboxItem, Repositories } from '../ports.ts';

export type OutboundKind = 'reply' | 'cant_help' | 'review_request';

export interface OutboundDraft {
  conversationId: number;
  body: string;
  /** The conversation message this email carries (a reply); none for the review request. */
  chatMessageId: number | null;
  kind: OutboundKind;
  /** The subject when the conversation has no email yet (a job's title). */
  subjectHint: string;
  sentAt: Date;
}

/** How many Message-IDs References carries: the first and the latest ones are what threads it. */
const MAX_REFERENCES = 20;

/** Unguessable (72 random bits) and safe in an address's local part. */
export function newThreadToken(): string {
  return randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
}

const withRe = (subject: string) => (/^re:/i.test(subject) ? subject : `Re: ${subject}`);

/**
 * Records the email a team message becomes and queues its sending, in the caller's transaction:
 * Message-ID, threading headers and text are fixed now, so any retry sends the same message.
 * Nothing when email is not set up or the merchant's address is unknown.
 */
export async function queueEmail(
  repos: Repositories,
  deps: ServiceDeps,
  workspaceId: string,
  draft: OutboundDraft,
): Promise<OutboxItem[]> {
  const outbound = deps.email?.outbound;
  if (!outbound) return [];
  const conversation = await repos.conversations.findById(workspaceId, draft.conversationId);
  const merchant =
    conversation && (await repos.merchants.findById(workspaceId, conversation.merchantId));
  if (!merchant?.email) return [];
  const earlier = await repos.emails.listForConversation(workspaceId, draft.conversationId, 200);
  const threadIds = earlier.map((e) => e.messageId);
  const lastInbound = [...earlier].reverse().find((e) => e.direction === 'inbound');
  const inReplyTo = lastInbound?.messageId ?? threadIds.at(-1) ?? null;
  const references =
    threadIds.length > MAX_REFERENCES
      ? [threadIds[0] as string, ...threadIds.slice(-(MAX_REFERENCES - 1))]
      : threadIds;
  const subject = withRe(earlier.find((e) => e.subject)?.subject ?? draft.subjectHint);
  if (deps.email?.inbound)
    await repos.emails.tokenFor(workspaceId, draft.conversationId, newThreadToken);
  const messageId = `jobdesk.${randomBytes(9).toString('hex')}${draft.chatMessageId ? `.m${draft.chatMessageId}` : ''}@${outbound.messageIdDomain}`;
  const stored = await repos.emails.insert(workspaceId, {
    messageId,
    direction: 'outbound',
    kind: draft.kind,
    conversationId: draft.conversationId,
    chatMessageId: draft.chatMessageId,
    fromAddress: null,
    toAddress: merchant.email,
    subject: subject.slice(0, 998),
    text: draft.body,
    attachments: [],
    inReplyTo,
    references,
    delivery: 'queued',
    deliveryNote: null,
    sentAt: draft.sentAt,
  });
  if (!stored) throw new Error('a fresh random Message-ID collided');
  return [emailSend(stored.id)];
}

export function reviewRequestText(merchantName: string, title: string): string {
  return [
    `Hi ${merchantName},`,
    '',
    `Thank you for working with us on "${title}". If you are happy with the work, we would be grateful for a short review on our Shopify Partner Directory profile — it helps other merchants find us.`,
    '',
    'Thank you!',
  ].join('\n');
}
