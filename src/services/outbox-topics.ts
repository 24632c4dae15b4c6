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
  /**
   * Deadline reminders in the jobs channel for jobs nobody is assigned to: one message per tick
   * listing every job due then (payload `jobs`; older rows name one `jobId`).
   */
  channelReminder: 'slack.channel_reminder',
  /** The daily digest in the jobs channel. */
  digest: 'slack.digest',
  /** One DM listing an assignee's jobs whose deadline reminder fell due at one tick. */
  dmReminders: 'slack.dm_reminders',
  /** Tells an admin that deliveries to Slack failed for good, and what to do about it. */
  adminNotice: 'slack.admin_notice',
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
export const homeView = (userId: string, delayMs = 0): OutboxItem => ({
  topic: TOPICS.home,
  payload: { userId },
  coalesceKey: `home:${userId}`,
  ...(delayMs > 0 && { delayMs }),
});

export interface ReminderEntry {
  jobId: number;
  stage: ReminderStage;
}

/** One post in the jobs channel for all the jobs whose reminder fell due at one tick. */
export const channelReminders = (jobs: ReminderEntry[]): OutboxItem => ({
  topic: TOPICS.channelReminder,
  payload: { jobs: jobs.map(({ jobId, stage }) => ({ jobId, stage })) },
});

/** An assignee's reminders of one tick, as one DM (one job alone is a `deadline` DM). */
export const dmReminders = (userId: string, jobs: ReminderEntry[]): OutboxItem => ({
  topic: TOPICS.dmReminders,
  payload: { userId, jobs: jobs.map(({ jobId, stage }) => ({ jobId, stage })) },
});

/** The jobs a channel reminder row names, in either shape it was written in. */
export function reminderEntries(payload: Record<string, unknown>): ReminderEntry[] {
  const list = Array.isArray(payload.jobs) ? payload.jobs : [payload];
  return list.flatMap((entry) => {
    const { jobId, stage } = (entry ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(jobId)) return [];
    return [{ jobId: Number(jobId), stage: stage === '4h' ? '4h' : '24h' } as ReminderEntry];
  });
}

/** `since`: when the previous digest was queued, so this one can say what expired in between. */
export const digest = (day: string, timeZone: string, since?: Date): OutboxItem => ({
  topic: TOPICS.digest,
  payload: { day, timeZone, ...(since && { since: since.toISOString() }) },
  coalesceKey: `digest:${day}`,
});

/** What an admin is told about dead deliveries: how many, the newest, and why it failed. */
export interface AdminNotice {
  userId: string;
  total: number;
  about: string;
  error: string;
}

export const adminNotice = (notice: AdminNotice): OutboxItem => ({
  topic: TOPICS.adminNotice,
  payload: { ...notice },
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

/**
 * `deliveryId`: the webhook's `id` when it is derived from a record (a message), so a receiver
 * can drop repeats; without it the outbox row's id is used (stable across retries).
 */
export const webhook = (
  type: WebhookType,
  data: Record<string, unknown>,
  occurredAt: Date,
  deliveryId?: string,
): OutboxItem => ({
  topic: TOPICS.webhook,
  payload: {
    type,
    occurred_at: occurredAt.toISOString(),
    data,
    ...(deliveryId && { delivery_id: deliveryId }),
  },
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
