import { DomainError, decide, type Job, type Message } from '../domain/index.ts';
import {
  type Actor,
  decideOrExplain,
  invalidInput,
  lockJob,
  type ServiceDeps,
  saveJob,
} from './context.ts';
import { queueEmail } from './email/queue-email.ts';
import { inquiryCard, threadMessage, webhook } from './outbox-topics.ts';
import type { Repositories } from './ports.ts';
import { recordChange } from './record-change.ts';

/** Generous, yet within what one Slack message and most merchant channels accept. */
export const MAX_REPLY_CHARS = 10_000;

export function checkReplyBody(body: string): string {
  const text = body.trim();
  if (!text) throw invalidInput('Write a message before sending', { field: 'body' });
  if (text.length > MAX_REPLY_CHARS) {
    throw invalidInput(
      `Keep the message under ${MAX_REPLY_CHARS.toLocaleString('en')} characters (it has ${text.length.toLocaleString('en')})`,
      { field: 'body' },
    );
  }
  return text;
}

/**
 * What makes a team message the same message when Slack sends it twice: a modal's view id (a
 * double click on Send, a retry) or a command's trigger id (a replayed request). Stored as the
 * message's source id, whose unique index keeps one.
 */
export interface ReplyOptions {
  once?: { viewId: string } | { triggerId: string };
}

function sourceIdOf(options: ReplyOptions): string | null {
  if (!options.once) return null;
  return 'viewId' in options.once
    ? `slack:view:${options.once.viewId}`
    : `slack:trigger:${options.once.triggerId}`;
}

/**
 * A team member answers the merchant on a job: `responded`, and the 72-hour clock stops for good.
 * The same submission twice (see ReplyOptions) stores and sends one message: the repeat gets
 * the first one back, with `repeated` set.
 */
export async function replyToJob(
  deps: ServiceDeps,
  actor: Actor,
  number: number,
  body: string,
  options: ReplyOptions = {},
): Promise<{ job: Job; message: Message; repeated?: boolean }> {
  const text = checkReplyBody(body);
  const sourceId = sourceIdOf(options);
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const job = await lockJob(repos, actor.workspaceId, number);
    // Under the job's lock, so a double click waits for the first and then finds its message.
    const earlier = sourceId && (await repos.messages.findBySourceId(job.workspaceId, sourceId));
    if (earlier) return { job, message: earlier, repeated: true };
    const decision = await decideOrExplain(repos, job, () => decide(job, 'team_message', now));
    const { message } = await repos.messages.insert(job.workspaceId, {
      conversationId: job.conversationId,
      jobId: job.id,
      direction: 'team',
      authorUserId: actor.userId,
      body: text,
      sourceId,
      sentAt: now,
    });
    const after = await saveJob(repos, job, {
      status: decision.to,
      firstResponseAt: job.firstResponseAt ?? now,
      lastWriter: 'team',
      lastMessageAt: now,
    });
    const also = [
      threadMessage(message.id),
      ...(await queueEmail(repos, deps, job.workspaceId, {
        conversationId: job.conversationId,
        body: text,
        chatMessageId: message.id,
        kind: 'reply',
        subjectHint: job.title,
        sentAt: now,
      })),
    ];
    if (deps.webhooks)
      also.push(await messageSentWebhook(repos, job.workspaceId, job.conversationId, job, message));
    await recordChange(repos, deps, {
      before: job,
      after,
      actor: actor.userId,
      action: 'team_message',
      at: now,
      details: { messageId: message.id },
      also,
    });
    return { job: after, message };
  });
}

/**
 * Answers a conversation that has no job (an inquiry). With `cantHelp`, the team says it cannot
 * take the request: the conversation is closed on our side; no status, no penalty.
 */
export async function replyToInquiry(
  deps: ServiceDeps,
  actor: Actor,
  conversationId: number,
  body: string,
  options: { cantHelp: boolean } & ReplyOptions,
): Promise<Message> {
  const text = checkReplyBody(body);
  const sourceId = sourceIdOf(options);
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const conversation = await repos.conversations.findById(
      actor.workspaceId,
      conversationId,
      'for_update',
    );
    if (!conversation) {
      throw new DomainError('conversation_not_found', 'That conversation no longer exists', {
        conversationId,
      });
    }
    const earlier = sourceId && (await repos.messages.findBySourceId(actor.workspaceId, sourceId));
    if (earlier) return earlier;
    const job = await repos.jobs.findLatestForConversation(actor.workspaceId, conversationId);
    if (job) {
      throw new DomainError(
        'conversation_has_job',
        `This conversation has a job now (J-${job.number}) — act on the job card instead`,
        { ref: `J-${job.number}` },
      );
    }
    const { message } = await repos.messages.insert(actor.workspaceId, {
      conversationId,
      jobId: null,
      direction: 'team',
      authorUserId: actor.userId,
      body: text,
      sourceId,
      sentAt: now,
    });
    if (options.cantHelp) {
      await repos.conversations.update(actor.workspaceId, conversationId, {
        declinedAt: now,
        declinedBy: actor.userId,
      });
    }
    await repos.events.append(actor.workspaceId, {
      jobId: null,
      conversationId,
      actor: actor.userId,
      action: options.cantHelp ? 'cant_help' : 'team_message',
      at: now,
      details: { messageId: message.id },
    });
    const items = [
      threadMessage(message.id),
      inquiryCard(conversationId),
      ...(await queueEmail(repos, deps, actor.workspaceId, {
        conversationId,
        body: text,
        chatMessageId: message.id,
        kind: options.cantHelp ? 'cant_help' : 'reply',
        subjectHint: 'Your request',
        sentAt: now,
      })),
    ];
    if (deps.webhooks) {
      items.push(
        await messageSentWebhook(
          repos,
          actor.workspaceId,
          conversationId,
          null,
          message,
          options.cantHelp,
        ),
      );
    }
    await repos.outbox.enqueue(actor.workspaceId, items);
    return message;
  });
}

async function messageSentWebhook(
  repos: Repositories,
  workspaceId: string,
  conversationId: number,
  job: Job | null,
  message: Message,
  cantHelp = false,
) {
  const conversation = await repos.conversations.findById(workspaceId, conversationId);
  return webhook(
    'message.sent',
    {
      conversation: { id: conversation?.sourceId ?? null },
      job: job ? { id: job.sourceId, ref: `J-${job.number}` } : null,
      message: {
        id: `jobdesk-msg-${message.id}`,
        body: message.body,
        sent_at: message.sentAt.toISOString(),
      },
      author: message.authorUserId,
      cant_help: cantHelp,
    },
    message.sentAt,
    // Derived from the message, so however often it is delivered the receiver sees one id.
    `jobdesk_msg_${message.id}`,
  );
}
