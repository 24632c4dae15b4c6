import type {
  Conversation,
  Ineligibility,
  Job,
  JobEvent,
  JobStatus,
  Member,
  Merchant,
  Message,
  NotificationSettings,
  Preferences,
  Proposal,
  ReminderStage,
  Role,
  TeamPreferences,
} from '../domain/index.ts';

/**
 * What the use cases need from storage. src/db implements it with Drizzle; nothing here knows SQL.
 * Every method is scoped by workspace, directly or through an id the workspace owns.
 */

export interface NewMerchant {
  sourceId: string;
  name: string;
  email?: string | null | undefined;
  storeDomain?: string | null | undefined;
  storeName?: string | null | undefined;
  dropshipper?: boolean | null | undefined;
}

/** A job as it is first stored: what the use case decides; ids, version and the rest come later. */
export type NewJob = Omit<
  Job,
  | 'id'
  | 'workspaceId'
  | 'version'
  | 'closedAt'
  | 'declineReason'
  | 'declineNote'
  | 'declinedBy'
  | 'reviewRequested'
  | 'assignees'
>;

/** The fields a use case may change on a job; the repository bumps the version. */
export type JobChanges = Partial<
  Pick<
    Job,
    | 'status'
    | 'openedAt'
    | 'firstResponseAt'
    | 'lastWriter'
    | 'lastMessageAt'
    | 'closedAt'
    | 'declineReason'
    | 'declineNote'
    | 'declinedBy'
    | 'reviewRequested'
    | 'cardChannelId'
    | 'cardTs'
  >
>;

export interface JobFilter {
  statuses?: JobStatus[];
  assignee?: string;
  unassigned?: boolean;
  /** Only jobs whose clock runs and ends before this moment. */
  expiringBefore?: Date;
  /** Only jobs whose clock runs and ends after this moment (with expiringBefore: a window). */
  expiringAfter?: Date;
  /** Only expired jobs whose 72 hours ran out after this moment (what expired since…). */
  expiredAfter?: Date;
  /**
   * `deadline` (default): soonest deadline first. `needs_action`: the merchant waiting
   * (awaiting_response) first, then the soonest running clock, then the longest wait.
   */
  order?: 'deadline' | 'needs_action';
  limit: number;
  offset?: number;
}

export interface NewJobEvent {
  jobId: number | null;
  conversationId: number | null;
  actor: string;
  action: string;
  fromStatus?: JobStatus | null;
  toStatus?: JobStatus | null;
  at: Date;
  details?: Record<string, unknown>;
}

export interface OutboxItem {
  topic: string;
  payload: Record<string, unknown>;
  /** Pending items with the same key are delivered once (e.g. a card renders its current state). */
  coalesceKey?: string;
  /** Deliver no sooner than this long after the commit (real time: a delivery delay, not a deadline). */
  delayMs?: number;
}

export interface WorkspaceRepository {
  /** Creates the workspace on first sight; the install's team id is its key. */
  ensure(workspaceId: string): Promise<void>;
  jobsChannel(workspaceId: string): Promise<string | null>;
  setJobsChannel(workspaceId: string, channelId: string): Promise<void>;
  /** When the workspace row was made: with its id, it tells one database from another. */
  createdAt(workspaceId: string): Promise<Date | undefined>;
}

export interface MemberRepository {
  findById(workspaceId: string, userId: string): Promise<Member | undefined>;
  /** Known members among `userIds`; unknown ones get the defaults. */
  findMany(workspaceId: string, userIds: string[]): Promise<Member[]>;
  setRole(workspaceId: string, userId: string, role: Role): Promise<void>;
  setNotifications(
    workspaceId: string,
    userId: string,
    settings: NotificationSettings,
  ): Promise<Member>;
  listAdmins(workspaceId: string): Promise<string[]>;
  /** Records whether Slack says the person may act; resolves true when that changed. */
  setCannotAct(workspaceId: string, userId: string, reason: Ineligibility | null): Promise<boolean>;
}

export interface MerchantRepository {
  /** Inserts the merchant or refreshes what the source now says about it. */
  upsert(workspaceId: string, merchant: NewMerchant): Promise<Merchant>;
  findById(workspaceId: string, id: number): Promise<Merchant | undefined>;
}

export interface ConversationRepository {
  findBySourceId(workspaceId: string, sourceId: string): Promise<Conversation | undefined>;
  findById(workspaceId: string, id: number, lock?: 'for_update'): Promise<Conversation | undefined>;
  /** Creates the conversation, or returns the one that already has this source id. */
  upsert(workspaceId: string, sourceId: string, merchantId: number): Promise<Conversation>;
  update(
    workspaceId: string,
    id: number,
    changes: Partial<Pick<Conversation, 'declinedAt' | 'declinedBy' | 'cardChannelId' | 'cardTs'>>,
  ): Promise<void>;
}

export interface JobRepository {
  /** `for_update` locks the row until the transaction ends: concurrent actions queue up. */
  findByNumber(workspaceId: string, number: number, lock?: 'for_update'): Promise<Job | undefined>;
  findById(workspaceId: string, id: number, lock?: 'for_update'): Promise<Job | undefined>;
  findBySourceId(
    workspaceId: string,
    sourceId: string,
    lock?: 'for_update',
  ): Promise<Job | undefined>;
  /** The newest job of a conversation, which its messages belong to. */
  findLatestForConversation(
    workspaceId: string,
    conversationId: number,
    lock?: 'for_update',
  ): Promise<Job | undefined>;
  /**
   * A new job's id, taken from the jobs' sequence before the job is inserted: what refers to the
   * job can then be sent along with its insert. An id reserved and not used is a gap nobody sees.
   */
  reserveId(): Promise<number>;
  /**
   * Inserts the job as `id` (from reserveId) with its workspace's next `J-<n>` (concurrent callers
   * get distinct numbers). Taking the number locks the workspace row until the commit.
   */
  insertNumbered(workspaceId: string, id: number, job: Omit<NewJob, 'number'>): Promise<Job>;
  /** Writes `changes` if the job is still at `version`; returns the new job, or undefined if not. */
  update(job: Job, changes: JobChanges): Promise<Job | undefined>;
  /**
   * Closes jobs this transaction has locked at their deadline (closed_at = expires_at) with
   * `status`, in one statement; returns them as saved.
   */
  closeAtDeadline(locked: Job[], status: JobStatus): Promise<Job[]>;
  setAssignees(job: Job, userIds: string[], by: string, at: Date): Promise<void>;
  list(workspaceId: string, filter: JobFilter): Promise<Job[]>;
  /** How many jobs match; with `upTo`, counting stops there (the answer is then at most upTo). */
  count(
    workspaceId: string,
    filter: Omit<JobFilter, 'limit' | 'offset'>,
    upTo?: number,
  ): Promise<number>;
  /** Jobs whose clock ran out at `now`, oldest deadline first, locked and skipped by other sweepers. */
  claimDue(workspaceId: string, now: Date, limit: number): Promise<Job[]>;
  countByStatus(workspaceId: string): Promise<Record<string, number>>;
  /** Median time from a job's creation at the source to the team's first response. */
  responseTimes(workspaceId: string): Promise<{ answered: number; medianMs: number | null }>;
}

export interface MessageRepository {
  insert(
    workspaceId: string,
    message: Omit<Message, 'id'>,
  ): Promise<{ message: Message; inserted: boolean }>;
  listForConversation(
    workspaceId: string,
    conversationId: number,
    page: { limit: number; offset: number },
  ): Promise<{ messages: Message[]; total: number }>;
  findById(workspaceId: string, id: number): Promise<Message | undefined>;
  findBySourceId(workspaceId: string, sourceId: string): Promise<Message | undefined>;
}

export interface ProposalRepository {
  insert(workspaceId: string, proposal: Omit<Proposal, 'id'>): Promise<Proposal>;
  findBySourceId(workspaceId: string, sourceId: string): Promise<Proposal | undefined>;
  findById(workspaceId: string, id: number): Promise<Proposal | undefined>;
  listForConversation(workspaceId: string, conversationId: number): Promise<Proposal[]>;
}

export interface JobEventRepository {
  append(workspaceId: string, ...events: NewJobEvent[]): Promise<void>;
  /** The event that last moved the job into `status`: who did it and when. */
  lastMoveTo(workspaceId: string, jobId: number, status: JobStatus): Promise<JobEvent | undefined>;
  listForJob(workspaceId: string, jobId: number): Promise<JobEvent[]>;
  /** Declines grouped by the job's service, for "which kinds of job we decline most". */
  declinesByService(workspaceId: string): Promise<{ service: string | null; count: number }[]>;
  /** The distinct actors of `action` events since `since` (e.g. who opened App Home lately). */
  recentActors(workspaceId: string, action: string, since: Date): Promise<string[]>;
  /** The newest event of `action` in the workspace, if any (e.g. the last notice to admins). */
  latest(workspaceId: string, action: string): Promise<JobEvent | undefined>;
}

export interface PreferencesRepository {
  find(workspaceId: string): Promise<TeamPreferences | undefined>;
  save(workspaceId: string, preferences: Preferences, by: string, at: Date): Promise<void>;
}

export interface IntakeEventRepository {
  /**
   * Records an event id; false when it was already recorded. Concurrent callers with the same id
   * wait for each other, so exactly one gets true.
   */
  record(
    workspaceId: string,
    event: { id: string; type: string; occurredAt: Date; payload: unknown },
  ): Promise<boolean>;
  setOutcome(workspaceId: string, eventId: string, outcome: Record<string, unknown>): Promise<void>;
  /**
   * The outcome `{ job: 'J-<n>' }` of an event that created the job `jobId`, its number read from
   * the job's row: it can be sent along with the job's insert, before the number is known here.
   */
  setJobOutcome(workspaceId: string, eventId: string, jobId: number): Promise<void>;
  findOutcome(workspaceId: string, eventId: string): Promise<Record<string, unknown> | undefined>;
}

export interface OutboxRepository {
  enqueue(workspaceId: string, items: OutboxItem[]): Promise<void>;
  /** Rows given up on, newest first. */
  listDead(workspaceId: string, limit: number): Promise<DeadDelivery[]>;
  countDead(workspaceId: string): Promise<number>;
  /**
   * Dead rows back to pending with fresh attempts (all of the workspace's, or those of `ids`).
   * A row whose card already has a newer delivery pending is closed instead: that one renders
   * the same current state. Returns how many will be delivered again.
   */
  revive(workspaceId: string, ids: number[] | 'all'): Promise<number>;
  /** Deletes delivered rows older than `before`, at most `limit`; returns how many. */
  pruneDone(workspaceId: string, before: Date, limit: number): Promise<number>;
}

/** An outbox row that kept failing, as admins see it. */
export interface DeadDelivery {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deadAt: Date | null;
}

/** A job the deadline clock may remind of, with the facts that decide which reminder is due. */
export interface ReminderCandidate {
  id: number;
  workspaceId: string;
  status: JobStatus;
  expiresAt: Date;
  firstResponseAt: Date | null;
  reminded24hAt: Date | null;
  reminded4hAt: Date | null;
}

/** The deadline clock's bookkeeping: which reminders went out, who waits on the team. */
export interface DeadlineRepository {
  /**
   * Jobs (any workspace) whose clock runs and ends after `now` but within `withinMs`, without
   * the `stage` reminder yet; locked, skipping jobs another replica holds. Oldest deadline first.
   */
  claimReminders(
    workspaceId: string,
    stage: ReminderStage,
    now: Date,
    withinMs: number,
    limit: number,
  ): Promise<ReminderCandidate[]>;
  /** Marks the reminder sent (the 4-hour one covers the 24-hour one); only where not yet set. */
  markReminded(ids: number[], stage: ReminderStage, at: Date): Promise<number>;
  /**
   * Jobs where the team owes the next move (new, opened, awaiting a response), longest waiting
   * first, with the moment the wait began.
   */
  waitingOnTeam(
    workspaceId: string,
    limit: number,
  ): Promise<{ jobs: { id: number; since: Date }[]; total: number }>;
}

export interface DigestRepository {
  /** Records that the digest of `day` is on its way; false when it already was (once a day). */
  claim(workspaceId: string, day: string, timeZone: string, at: Date): Promise<boolean>;
  /** When the latest digest was claimed (the previous one, before a new claim), if ever. */
  latest(workspaceId: string): Promise<{ day: string; at: Date } | undefined>;
}

/** An email jobdesk received or sent (see the `emails` table). */
export interface StoredEmail {
  id: number;
  messageId: string;
  direction: 'inbound' | 'outbound';
  kind: string;
  conversationId: number | null;
  chatMessageId: number | null;
  fromAddress: string | null;
  toAddress: string | null;
  subject: string | null;
  text: string;
  attachments: { name: string; size: number; contentType: string }[];
  inReplyTo: string | null;
  references: string[];
  delivery: 'queued' | 'sent' | 'not_delivered' | null;
  deliveryNote: string | null;
  sentAt: Date;
}

export type EmailChanges = Partial<
  Pick<StoredEmail, 'kind' | 'conversationId' | 'chatMessageId' | 'delivery' | 'deliveryNote'>
>;

export interface EmailRepository {
  /** Stores the email; undefined when its Message-ID is already stored (concurrent callers: one wins). */
  insert(workspaceId: string, email: Omit<StoredEmail, 'id'>): Promise<StoredEmail | undefined>;
  findById(workspaceId: string, id: number): Promise<StoredEmail | undefined>;
  findByMessageId(workspaceId: string, messageId: string): Promise<StoredEmail | undefined>;
  findByChatMessage(workspaceId: string, chatMessageId: number): Promise<StoredEmail | undefined>;
  /** The conversation of the newest stored email among these Message-IDs. */
  findConversationByMessageIds(workspaceId: string, ids: string[]): Promise<number | undefined>;
  /** A conversation's emails, oldest first (at most `limit`, the newest ones). */
  listForConversation(
    workspaceId: string,
    conversationId: number,
    limit: number,
  ): Promise<StoredEmail[]>;
  update(workspaceId: string, id: number, changes: EmailChanges): Promise<void>;
  /** Marks an outbound email not delivered; false when it already was (tell people once). */
  markNotDelivered(workspaceId: string, id: number, note: string): Promise<boolean>;
  /** The conversation's plus-address token, made on first use. */
  tokenFor(workspaceId: string, conversationId: number, fresh: () => string): Promise<string>;
  findConversationByToken(workspaceId: string, token: string): Promise<number | undefined>;
}

export interface Repositories {
  workspaces: WorkspaceRepository;
  members: MemberRepository;
  merchants: MerchantRepository;
  conversations: ConversationRepository;
  jobs: JobRepository;
  messages: MessageRepository;
  proposals: ProposalRepository;
  events: JobEventRepository;
  preferences: PreferencesRepository;
  intake: IntakeEventRepository;
  outbox: OutboxRepository;
  deadlines: DeadlineRepository;
  digests: DigestRepository;
  emails: EmailRepository;
}

/** A unit of work: everything done through `repos` commits together or not at all. */
export interface Store {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface OutboxRow {
  id: number;
  workspaceId: string;
  topic: string;
  payload: Record<string, unknown>;
  /** Counts claims; also the fencing token: a settle names the attempt it settles. */
  attempts: number;
  coalesceKey: string | null;
  createdAt: Date;
}

/** A claimed row, as settling names it: a row re-claimed since (lease ran out) is not touched. */
export type ClaimedRow = Pick<OutboxRow, 'id' | 'attempts'>;

export interface OutboxDepth {
  /** Rows pending or in flight. */
  pending: number;
  dead: number;
  /** Age of the oldest row waiting (by when it was written), null when none waits. */
  oldestAgeMs: number | null;
  /**
   * How long the row that has been due longest has been due (pending past its time, or in flight
   * past its lease), null when nothing is due: rows put off until later do not count.
   */
  overdueMs: number | null;
}

/** A claimed row put off until `availableAt` (a later moment), and why. */
export interface DeferredRow {
  row: ClaimedRow;
  availableAt: Date;
  reason: string;
}

/** The delivery side of the outbox: claim due rows, then settle each one. */
export interface OutboxQueue {
  /**
   * Claims up to `limit` due rows for `leaseMs`; rows claimed by another worker are skipped, and
   * rows whose lease ran out (a worker died mid-delivery) are due again. Only rows of `topics`
   * are claimed: a run without Slack leaves Slack's rows for a run that has it. A row whose
   * coalesce key is in flight elsewhere waits, so two workers never post one card twice.
   */
  claim(limit: number, leaseMs: number, now: Date, topics: string[]): Promise<OutboxRow[]>;
  complete(row: ClaimedRow, now: Date): Promise<void>;
  /** Back to pending at `availableAt`; a newer pending row with the same coalesce key wins. */
  retry(row: ClaimedRow, availableAt: Date, error: string): Promise<void>;
  /** Back to pending at `availableAt` without spending an attempt (paced, parked, waiting). */
  defer(row: ClaimedRow, availableAt: Date, reason: string): Promise<void>;
  /**
   * Like defer for several rows put off until later (a paced channel under a burst), in one
   * statement. Optional: a queue without it is deferred row by row.
   */
  deferMany?(rows: DeferredRow[]): Promise<void>;
  /** Gives up on a row: it stays visible (and retryable) as dead. */
  bury(row: ClaimedRow, error: string, now: Date): Promise<void>;
  /** Keeps rows still being worked on from being claimed by another worker. */
  extend(ids: number[], leaseUntil: Date): Promise<void>;
  /** How many rows wait, since when the oldest does, and how long the longest-due one is due. */
  depth(now: Date): Promise<OutboxDepth>;
}
