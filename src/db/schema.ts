import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { JOB_STATUSES } from '../domain/status.ts';

// Every table carries workspace_id (the Slack team id) so one database can serve several installs.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => at('created_at').notNull().defaultNow();
const workspaceId = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name'),
  jobsChannelId: text('jobs_channel_id'),
  /** Next `J-<n>`; bumped with UPDATE … RETURNING so concurrent creations never share a number. */
  nextJobNumber: integer('next_job_number').notNull().default(1),
  createdAt: createdAt(),
});

export const members = pgTable(
  'members',
  {
    workspaceId: workspaceId(),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['admin', 'member'] })
      .notNull()
      .default('member'),
    notifyOnAssignment: boolean('notify_on_assignment').notNull().default(true),
    notifyOnMessage: boolean('notify_on_message').notNull().default(true),
    notifyOnStatusChange: boolean('notify_on_status_change').notNull().default(true),
    notifyOnDeadline: boolean('notify_on_deadline').notNull().default(true),
    /** Why Slack last said this person may not act (an Ineligibility); null = they may. */
    cannotAct: text('cannot_act'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

export const merchants = pgTable(
  'merchants',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    sourceId: text('source_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    storeDomain: text('store_domain'),
    storeName: text('store_name'),
    dropshipper: boolean('dropshipper'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('merchants_source_uq').on(t.workspaceId, t.sourceId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    sourceId: text('source_id').notNull(),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => merchants.id),
    /** Set when the team answered "can't help" on a conversation without a job. */
    declinedAt: at('declined_at'),
    declinedBy: text('declined_by'),
    /** The inquiry card (thread root) while the conversation has no job. */
    cardChannelId: text('card_channel_id'),
    cardTs: text('card_ts'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('conversations_source_uq').on(t.workspaceId, t.sourceId)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    number: integer('number').notNull(),
    /** The job's id at the source; null for a lead logged by hand from Slack. */
    sourceId: text('source_id'),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => merchants.id),
    title: text('title').notNull(),
    description: text('description'),
    service: text('service'),
    budgetAmount: text('budget_amount'),
    budgetCurrency: text('budget_currency'),
    status: text('status', { enum: JOB_STATUSES }).notNull(),
    /** Bumped on every write: an update that names a stale version changes nothing. */
    version: integer('version').notNull().default(1),
    sourceCreatedAt: at('source_created_at').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by'),
    openedAt: at('opened_at'),
    firstResponseAt: at('first_response_at'),
    lastWriter: text('last_writer', { enum: ['merchant', 'team'] }),
    lastMessageAt: at('last_message_at'),
    expiresAt: at('expires_at').notNull(),
    closedAt: at('closed_at'),
    declineReason: text('decline_reason'),
    declineNote: text('decline_note'),
    declinedBy: text('declined_by', { enum: ['team', 'merchant'] }),
    reviewRequested: boolean('review_requested').notNull().default(false),
    cardChannelId: text('card_channel_id'),
    cardTs: text('card_ts'),
    /** When the 24-hour and 4-hour deadline reminders went out; set once, by a conditional update. */
    reminded24hAt: at('reminded_24h_at'),
    reminded4hAt: at('reminded_4h_at'),
  },
  (t) => [
    uniqueIndex('jobs_number_uq').on(t.workspaceId, t.number),
    uniqueIndex('jobs_source_uq').on(t.workspaceId, t.sourceId),
    index('jobs_status_idx').on(t.workspaceId, t.status, t.expiresAt),
    // Lists without a status filter (`/jobs list`) show the first page in this order; without it
    // every such list sorts all of the workspace's jobs (40 ms at 100,000 jobs, see BENCHMARKS.md).
    index('jobs_listing_idx').on(t.workspaceId, t.expiresAt, t.number),
    index('jobs_conversation_idx').on(t.conversationId),
    // The deadline sweep only ever looks at jobs whose clock still runs.
    index('jobs_due_idx')
      .on(t.expiresAt)
      .where(
        sql`${t.firstResponseAt} is null and ${t.status} in ('new', 'opened', 'awaiting_response')`,
      ),
  ],
);

export const jobAssignees = pgTable(
  'job_assignees',
  {
    workspaceId: workspaceId(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: at('assigned_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.userId] }),
    index('job_assignees_user_idx').on(t.workspaceId, t.userId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    jobId: integer('job_id').references(() => jobs.id),
    direction: text('direction', { enum: ['merchant', 'team'] }).notNull(),
    /** Slack user id of the team member who wrote it; null for the merchant. */
    authorUserId: text('author_user_id'),
    body: text('body').notNull(),
    sourceId: text('source_id'),
    sentAt: at('sent_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_source_uq').on(t.workspaceId, t.sourceId),
    index('messages_conversation_idx').on(t.conversationId, t.sentAt),
  ],
);

export const proposals = pgTable(
  'proposals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    sourceId: text('source_id').notNull(),
    title: text('title').notNull(),
    amount: text('amount'),
    currency: text('currency'),
    storeChoice: text('store_choice', { enum: ['new', 'existing'] }).notNull(),
    jobId: integer('job_id').references(() => jobs.id),
    acceptedAt: at('accepted_at').notNull(),
  },
  (t) => [uniqueIndex('proposals_source_uq').on(t.workspaceId, t.sourceId)],
);

export const jobEvents = pgTable(
  'job_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    jobId: integer('job_id').references(() => jobs.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').references(() => conversations.id),
    /** A Slack user id, `merchant`, `intake` or `system` (the clock). */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    at: at('at').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('job_events_job_idx').on(t.jobId, t.at),
    index('job_events_workspace_idx').on(t.workspaceId, t.action, t.at),
  ],
);

export const preferences = pgTable('preferences', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  availableForWork: boolean('available_for_work').notNull(),
  shownInSearch: boolean('shown_in_search').notNull(),
  worksWithDropshippers: boolean('works_with_dropshippers').notNull(),
  notificationEmail: text('notification_email'),
  services: jsonb('services')
    .$type<{ name: string; price: string | null; currency: string | null }[]>()
    .notNull()
    .default([]),
  updatedBy: text('updated_by').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const intakeEvents = pgTable(
  'intake_events',
  {
    workspaceId: workspaceId(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    payload: jsonb('payload').notNull(),
    outcome: jsonb('outcome').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.eventId] })],
);

export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Rows with the same key while pending are one delivery (a card renders its current state). */
    coalesceKey: text('coalesce_key'),
    state: text('state', { enum: ['pending', 'in_flight', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: at('available_at').notNull().defaultNow(),
    leaseUntil: at('lease_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    doneAt: at('done_at'),
    /** When the row was given up on; admins see dead rows and can retry them (`/jobs outbox`). */
    deadAt: at('dead_at'),
  },
  (t) => [
    index('outbox_due_idx').on(t.availableAt).where(sql`${t.state} = 'pending'`),
    // A worker that died mid-delivery leaves in-flight rows whose lease runs out.
    index('outbox_lease_idx').on(t.leaseUntil).where(sql`${t.state} = 'in_flight'`),
    index('outbox_dead_idx').on(t.workspaceId, t.id).where(sql`${t.state} = 'dead'`),
    // Pruning old delivered rows walks this.
    index('outbox_done_idx').on(t.doneAt).where(sql`${t.state} = 'done'`),
    uniqueIndex('outbox_coalesce_uq')
      .on(t.workspaceId, t.coalesceKey)
      .where(sql`${t.state} = 'pending' and ${t.coalesceKey} is not null`),
  ],
);

/**
 * One row per workspace and local day whose digest was queued: the primary key makes the daily
 * digest happen once however many replicas tick at that hour.
 */
export const digests = pgTable(
  'digests',
  {
    workspaceId: workspaceId(),
    /** The day in the digest's time zone, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    timeZone: text('time_zone').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

/**
 * Every email jobdesk received or sent, keyed by its Message-ID: the same email arriving twice
 * (any door, any retry) is stored once, and a reply finds its conversation through the
 * Message-IDs it names (In-Reply-To, References). Outbound rows carry what the delivery sends,
 * so a retry after a restart sends the very same message (same Message-ID).
 */
export const emails = pgTable(
  'emails',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    /** The Message-ID header without its angle brackets. */
    messageId: text('message_id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** lead, reply, inquiry, automatic, bounce, ignored (inbound); reply, cant_help, review_request (outbound). */
    kind: text('kind').notNull(),
    conversationId: integer('conversation_id').references(() => conversations.id),
    /** The conversation message this email is (a merchant message, or the team's reply). */
    chatMessageId: integer('chat_message_id').references(() => messages.id),
    fromAddress: text('from_address'),
    toAddress: text('to_address'),
    subject: text('subject'),
    /** The whole email as text (cleaned, never HTML), readable from the job's details. */
    text: text('text').notNull(),
    attachments: jsonb('attachments')
      .$type<{ name: string; size: number; contentType: string }[]>()
      .notNull()
      .default([]),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references').$type<string[]>().notNull().default([]),
    /** Outbound: queued → sent, or not_delivered (refused by the relay, or bounced later). */
    delivery: text('delivery', { enum: ['queued', 'sent', 'not_delivered'] }),
    deliveryNote: text('delivery_note'),
    sentAt: at('sent_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('emails_message_id_uq').on(t.workspaceId, t.messageId),
    index('emails_conversation_idx').on(t.conversationId, t.id),
  ],
);

/**
 * The unguessable token of a conversation's plus address (`jobs+<token>@…`): a reply whose mail
 * client dropped the threading headers still finds its conversation, and a guessed job number
 * finds none.
 */
export const emailThreads = pgTable(
  'email_threads',
  {
    conversationId: integer('conversation_id')
      .primaryKey()
      .references(() => conversations.id),
    workspaceId: workspaceId(),
    token: text('token').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('email_threads_token_uq').on(t.workspaceId, t.token)],
);

/**
 * Each Slack channel's posting pace, shared by every replica (see src/db/channel-pace.ts): Slack
 * allows about one message a second per channel, counted across all of jobdesk's processes. One
 * row per key (`channel:C123`, `method:chat.update`), taken under its row lock. Wall clock times.
 */
export const channelPace = pgTable(
  'channel_pace',
  {
    workspaceId: workspaceId(),
    key: text('key').notNull(),
    /** GCRA's theoretical arrival time: the next send may go at `tat - tolerance`. */
    tat: at('tat'),
    /** Slack said Retry-After: nothing goes to this key before then, from any replica. */
    pausedUntil: at('paused_until'),
    /**
     * The same GCRA over the moments sends really went (see `sending`): a send woken late by a
     * busy event loop moves the ones after it, so arrivals stay an interval apart.
     */
    sentTat: at('sent_tat'),
    /** Where the bookings of rows put back until their turn end (see channel_pace_holds). */
    bookedUntil: at('booked_until'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/**
 * A booking for an outbox row that was put back until its turn: rows waiting for one channel come
 * back one interval apart, whichever replica claims them, instead of all at once.
 */
export const channelPaceHolds = pgTable(
  'channel_pace_holds',
  {
    workspaceId: workspaceId(),
    holder: text('holder').notNull(),
    key: text('key').notNull(),
    slotAt: at('slot_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.holder] }),
    index('channel_pace_holds_key_idx').on(t.workspaceId, t.key),
  ],
);
