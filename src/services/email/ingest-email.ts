import type { Merchant } from '../../domain/index.ts';
import type { ServiceDeps } from '../context.ts';
import { ingestEventWithin } from '../ingest-event.ts';
import type { IntakeMerchant } from '../intake/events.ts';
import { emailNotice } from '../outbox-topics.ts';
import type { Repositories, StoredEmail } from '../ports.ts';
import type { EmailKind, InboundEmail, IngestEmailResult } from './inbound-email.ts';
import { budgetOf, leadDescription, leadTitle, storeOf } from './lead-to-job.ts';
import { notDeliveredNotices } from './not-delivered.ts';

/** What a merchant's message says when the email had attachments: their names and sizes. */
export function messageBody(email: InboundEmail): string {
  const text = email.replyText.trim();
  const files = email.attachments.map((a) => `📎 ${a.name} (${sizeText(a.size)})`);
  const parts = [text || (files.length ? '' : '(an empty email)'), files.join('\n')];
  return parts.filter(Boolean).join('\n\n').slice(0, 50_000);
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const sourceIdOf = (email: InboundEmail) => `email:${email.messageId}`;

function asIntakeMerchant(merchant: Merchant): IntakeMerchant {
  return {
    id: merchant.sourceId,
    name: merchant.name,
    email: merchant.email ?? undefined,
    store: { domain: merchant.storeDomain ?? '', name: merchant.storeName ?? undefined },
    dropshipper: merchant.dropshipper ?? undefined,
  };
}

/**
 * Takes one parsed email into the workspace, in one transaction: stored once by Message-ID
 * (any door, any retry), then a bounce, automatic mail, a reply in a thread jobdesk knows, a
 * lead, or an inquiry — each through the intake event paths the signed API uses.
 */
export function ingestEmail(
  deps: ServiceDeps,
  workspaceId: string,
  email: InboundEmail,
): Promise<IngestEmailResult> {
  return deps.store.transaction(async (repos) => {
    await repos.workspaces.ensure(workspaceId);
    const now = deps.now();
    // Created at the email's time, bounded by when it arrived (a wrong clock cannot post-date it).
    const sentAt = email.date && email.date.getTime() < now.getTime() ? email.date : now;
    const stored = await repos.emails.insert(workspaceId, {
      messageId: email.messageId,
      direction: 'inbound',
      kind: 'ignored',
      conversationId: null,
      chatMessageId: null,
      fromAddress: email.from.address,
      toAddress: null,
      subject: email.subject,
      text: email.fullText,
      attachments: email.attachments,
      inReplyTo: email.inReplyTo,
      references: email.references,
      delivery: null,
      deliveryNote: null,
      sentAt,
    });
    if (!stored) {
      const earlier = await repos.emails.findByMessageId(workspaceId, email.messageId);
      return {
        outcome: 'duplicate',
        kind: (earlier?.kind ?? 'ignored') as EmailKind,
        ...(earlier?.conversationId && { conversationId: earlier.conversationId }),
      };
    }
    const settle = async (kind: EmailKind, conversationId: number | null, job?: string) => {
      await repos.emails.update(workspaceId, stored.id, { kind, conversationId });
      return {
        outcome: 'accepted' as const,
        kind,
        ...(job && { job }),
        ...(conversationId && { conversationId }),
      };
    };

    if (email.bounce) {
      await bounced(repos, workspaceId, email.bounce);
      return settle('bounce', null);
    }

    const threadId = await knownThread(repos, workspaceId, email);
    if (email.automatic) {
      // Shown in the thread it answers, as automatic; no status, no DM. Elsewhere: kept only.
      if (threadId) await repos.outbox.enqueue(workspaceId, [emailNotice(stored.id, 'automatic')]);
      return settle(threadId ? 'automatic' : 'ignored', threadId ?? null);
    }

    if (threadId) {
      const conversation = await repos.conversations.findById(workspaceId, threadId);
      const merchant =
        conversation && (await repos.merchants.findById(workspaceId, conversation.merchantId));
      if (conversation && merchant) {
        const result = await ingestEventWithin(repos, deps, workspaceId, {
          id: sourceIdOf(email),
          type: 'message.received',
          occurredAt: sentAt,
          data: {
            conversation: { id: conversation.sourceId },
            merchant: asIntakeMerchant(merchant),
            message: { id: sourceIdOf(email), body: messageBody(email), sentAt },
          },
        });
        return settle('reply', conversation.id, result.job);
      }
    }

    if (email.lead) {
      const { lead } = email;
      const budget = budgetOf(lead.budget);
      const result = await ingestEventWithin(repos, deps, workspaceId, {
        id: sourceIdOf(email),
        type: 'job.created',
        occurredAt: sentAt,
        data: {
          job: {
            id: sourceIdOf(email),
            title: leadTitle(lead, email.subject),
            description: leadDescription(lead),
            service: lead.service ?? '',
            ...(budget && { budget }),
            createdAt: sentAt,
          },
          // The merchant is the person in the form, not the directory that sent it.
          merchant: {
            id: `email:${lead.email}`,
            name: lead.name.slice(0, 500),
            email: lead.email,
            store: storeOf(lead.store),
          },
          conversation: { id: sourceIdOf(email) },
        },
      });
      const conversation = await repos.conversations.findBySourceId(workspaceId, sourceIdOf(email));
      return settle('lead', conversation?.id ?? null, result.job);
    }

    const sender = email.replyTo ?? email.from;
    await ingestEventWithin(repos, deps, workspaceId, {
      id: sourceIdOf(email),
      type: 'message.received',
      occurredAt: sentAt,
      data: {
        conversation: { id: sourceIdOf(email) },
        merchant: {
          id: `email:${sender.address}`,
          name: (sender.name ?? sender.address).slice(0, 500),
          email: sender.address,
          store: { domain: '' },
        },
        message: { id: sourceIdOf(email), body: messageBody(email), sentAt },
      },
    });
    const conversation = await repos.conversations.findBySourceId(workspaceId, sourceIdOf(email));
    return settle('inquiry', conversation?.id ?? null);
  });
}

/**
 * The conversation this email answers: one whose stored Message-IDs (sent or received) it names
 * in In-Reply-To/References, or whose unguessable plus token it was sent to. Nothing else — a
 * guessed job number or subject line attaches nothing.
 */
async function knownThread(
  repos: Repositories,
  workspaceId: string,
  email: InboundEmail,
): Promise<number | undefined> {
  const ids = [
    ...new Set([email.inReplyTo, ...email.references].filter((id): id is string => !!id)),
  ];
  const byHeaders = await repos.emails.findConversationByMessageIds(workspaceId, ids);
  if (byHeaders) return byHeaders;
  for (const token of email.plusTokens) {
    const byToken = await repos.emails.findConversationByToken(workspaceId, token);
    if (byToken) return byToken;
  }
  return undefined;
}

async function bounced(
  repos: Repositories,
  workspaceId: string,
  bounce: NonNullable<InboundEmail['bounce']>,
): Promise<void> {
  for (const id of bounce.originalMessageIds) {
    const sent: StoredEmail | undefined = await repos.emails.findByMessageId(workspaceId, id);
    if (sent?.direction !== 'outbound') continue;
    // Told once: a second bounce of the same email changes nothing.
    if (!(await repos.emails.markNotDelivered(workspaceId, sent.id, bounce.reason))) continue;
    await repos.outbox.enqueue(workspaceId, await notDeliveredNotices(repos, workspaceId, sent));
  }
}
