import type { Job, JobStatus, ReminderStage } from '../domain/index.ts';
import type { OutboxItem } from './ports.ts';

/**
 * What a change tells the outside world, written in the same transaction as the change. Payloads
 * name records, not rendered text: delivery renders the current state, so late or repeated
 * deliveries are harmless.
 */
export const TOPICS = {
  jobCard: 'slack.job_card',
  inquiryCard: 'slack.inquiry_card',
  threadMessage: 'slack.thread_message',
  threadProposal: 'slack.thread_proposal',
  directMessage: 'slack.dm',
  /** A deadline reminder in the jobs channel, for a job nobody is assigned to. */
  channelReminder: 'slack.channel_reminder',
  /** The daily digest in the jobs channel. */
  digest: 'slack.digest',
  /** Re-publishes one person's App Home. */
  home: 'slack.home',
  webhook: 'webhook',
  /** An email note in a conversation's thread (automatic mail, an email not delivered) or DM. */
  emailNotice: 'slack.email_notice',
  /** One email to a merchant, sent through OUTBOUND_SMTP_URL. */
  emailSend: 'email.send',
} as const;

export type EmailNoticeKind = 'automatic' | 'not_delivered';

export const emailNotice = (
  emailId: number,
  notice: EmailNoticeKind,
  options: { userId?: string; broadcast?: boolean } = {},
): OutboxItem => ({
  topic: TOPICS.emailNotice,
  payload: { emailId, notice, ...options },
  coalesceKey: `email:${notice}:${emailId}:${options.userId ?? 'thread'}`,
});

export const emailSend = (emailId: number): OutboxItem => ({
  topic: TOPICS.emailSend,
  payload: { emailId },
  coalesceKey: `email:send:${emailId}`,
});

export type DmReason = 'assigned' | 'merchant_message' | 'status_changed' | 'deadline';

export const jobCard = (jobId: number): OutboxItem => ({
  topic: TOPICS.jobCard,
  payload: { jobId },
  coalesceKey: `card:job:${jobId}`,
});

export const inquiryCard = (conversationId: number): OutboxItem => ({
  topic: TOPICS.inquiryCard,
  payload: { conversationId },
  coalesceKey: `card:conversation:${conversationId}`,
});

export const threadMessage = (messageId: number): OutboxItem => ({
  topic: TOPICS.threadMessage,
  payload: { messageId },
  coalesceKey: `thread:message:${messageId}`,
});

export const threadProposal = (proposalId: number): OutboxItem => ({
  topic: TOPICS.threadProposal,
  payload: { proposalId },
  coalesceKey: `thread:proposal:${proposalId}`,
});

/**
 * One pending refresh per person: the delivery renders their Home as it is then, so changes made
 * before it is due all land in that one refresh.
 */
export const homeView = (userId: string, availableAt?: Date): OutboxItem => ({
  topic: TOPICS.home,
  payload: { userId },
  coalesceKey: `home:${userId}`,
  ...(availableAt && { availableAt }),
});

export const channelReminder = (jobId: number, stage: ReminderStage): OutboxItem => ({
  topic: TOPICS.channelReminder,
  payload: { jobId, stage },
  coalesceKey: `reminder:${stage}:${jobId}`,
});

export const digest = (day: string, timeZone: string): OutboxItem => ({
  topic: TOPICS.digest,
  payload: { day, timeZone },
  coalesceKey: `digest:${day}`,
});

export interface DirectMessage {
  userId: string;
  jobId: number;
  reason: DmReason;
  by?: string;
  from?: JobStatus;
  to?: JobStatus;
  messageId?: number;
}

export const directMessage = (dm: DirectMessage): OutboxItem => ({
  topic: TOPICS.directMessage,
  payload: { ...dm },
});

export type WebhookType =
  | 'message.sent'
  | 'job.status_changed'
  | 'job.assigned'
  | 'job.created'
  | 'preferences.updated';

export const webhook = (
  type: WebhookType,
  data: Record<string, unknown>,
  occurredAt: Date,
): OutboxItem => ({
  topic: TOPICS.webhook,
  payload: { type, occurred_at: occurredAt.toISOString(), data },
});

/** The job as the outbound webhook describes it: the source's ids, never our row ids. */
export function webhookJob(job: Job): Record<string, unknown> {
  return {
    ref: `J-${job.number}`,
    id: job.sourceId,
    status: job.status,
    assignees: job.assignees,
  };
}
