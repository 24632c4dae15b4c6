import type {
  Conversation,
  Job,
  JobEvent,
  JobStatus,
  Merchant,
  Message,
  Proposal,
} from '../domain/index.ts';
import { DomainError } from '../domain/index.ts';
import { jobNotFound, type ServiceDeps } from './context.ts';
import type { JobFilter, StoredEmail } from './ports.ts';

/** Read-only use cases: what Slack shows. Each is one short transaction. */

export interface JobPage {
  jobs: Job[];
  /** How many jobs match, counted up to the list's count limit. */
  total: number;
  /** Counting stopped at the limit: `total` or more match. */
  totalIsMinimum: boolean;
}

/**
 * A list answer says how many more jobs match than it shows. Past this many, counting them all
 * (13 ms of database time at 100,000 jobs, for every `/jobs list`) would only turn "1,000+" into
 * an exact number nobody pages through: filters are the way on.
 */
export const LIST_COUNT_LIMIT = 1000;

export function listJobs(
  deps: ServiceDeps,
  workspaceId: string,
  filter: JobFilter,
  countLimit = LIST_COUNT_LIMIT,
): Promise<JobPage> {
  return deps.store.transaction(async (repos) => {
    const { limit: _l, offset: _o, ...where } = filter;
    const [jobs, total] = await Promise.all([
      repos.jobs.list(workspaceId, filter),
      repos.jobs.count(workspaceId, where, countLimit),
    ]);
    return { jobs, total, totalIsMinimum: total >= countLimit };
  });
}

/** How many of a conversation's emails the job details list (the newest). */
const EMAILS_LISTED = 10;

export interface JobDetails {
  job: Job;
  merchant: Merchant;
  conversation: Conversation;
  messages: Message[];
  totalMessages: number;
  proposals: Proposal[];
  events: JobEvent[];
  /** The conversation's latest emails, each readable whole from the details. */
  emails?: StoredEmail[];
}

export interface HistoryPage {
  limit: number;
  offset: number;
}

export function getJob(deps: ServiceDeps, workspaceId: string, number: number): Promise<Job> {
  return deps.store.transaction(async (repos) => {
    const job = await repos.jobs.findByNumber(workspaceId, number);
    if (!job) throw jobNotFound(number);
    return job;
  });
}

export function getJobById(
  deps: ServiceDeps,
  workspaceId: string,
  id: number,
): Promise<Job | undefined> {
  return deps.store.transaction((repos) => repos.jobs.findById(workspaceId, id));
}

/** A job with its merchant, one page of its conversation and its audit trail. */
export function getJobDetails(
  deps: ServiceDeps,
  workspaceId: string,
  number: number,
  page: HistoryPage = { limit: 20, offset: 0 },
): Promise<JobDetails> {
  return deps.store.transaction(async (repos) => {
    const job = await repos.jobs.findByNumber(workspaceId, number);
    if (!job) throw jobNotFound(number);
    const [merchant, conversation, history, proposals, events, emails] = await Promise.all([
      repos.merchants.findById(workspaceId, job.merchantId),
      repos.conversations.findById(workspaceId, job.conversationId),
      repos.messages.listForConversation(workspaceId, job.conversationId, page),
      repos.proposals.listForConversation(workspaceId, job.conversationId),
      repos.events.listForJob(workspaceId, job.id),
      repos.emails.listForConversation(workspaceId, job.conversationId, EMAILS_LISTED),
    ]);
    if (!merchant || !conversation)
      throw new Error(`job ${job.id} lost its merchant or conversation`);
    return {
      job,
      merchant,
      conversation,
      messages: history.messages,
      totalMessages: history.total,
      proposals,
      events,
      emails,
    };
  });
}

export interface ConversationDetails {
  conversation: Conversation;
  merchant: Merchant;
  messages: Message[];
  totalMessages: number;
  proposals: Proposal[];
  job: Job | undefined;
}

export function getConversation(
  deps: ServiceDeps,
  workspaceId: string,
  conversationId: number,
  page: HistoryPage = { limit: 20, offset: 0 },
): Promise<ConversationDetails> {
  return deps.store.transaction(async (repos) => {
    const conversation = await repos.conversations.findById(workspaceId, conversationId);
    if (!conversation) {
      throw new DomainError('conversation_not_found', 'That conversation no longer exists', {
        conversationId,
      });
    }
    const [merchant, history, proposals, job] = await Promise.all([
      repos.merchants.findById(workspaceId, conversation.merchantId),
      repos.messages.listForConversation(workspaceId, conversationId, page),
      repos.proposals.listForConversation(workspaceId, conversationId),
      repos.jobs.findLatestForConversation(workspaceId, conversationId),
    ]);
    if (!merchant) throw new Error(`conversation ${conversationId} lost its merchant`);
    return {
      conversation,
      merchant,
      messages: history.messages,
      totalMessages: history.total,
      proposals,
      job,
    };
  });
}

export interface TeamStats {
  byStatus: Partial<Record<JobStatus, number>>;
  declinesByService: { service: string | null; count: number }[];
  answered: number;
  medianFirstResponseMs: number | null;
}

/** The numbers the team watches: which kinds of job it declines most, and how fast it answers. */
export function teamStats(deps: ServiceDeps, workspaceId: string): Promise<TeamStats> {
  return deps.store.transaction(async (repos) => {
    const [byStatus, declinesByService, times] = await Promise.all([
      repos.jobs.countByStatus(workspaceId),
      repos.events.declinesByService(workspaceId),
      repos.jobs.responseTimes(workspaceId),
    ]);
    return {
      byStatus,
      declinesByService,
      answered: times.answered,
      medianFirstResponseMs: times.medianMs,
    };
  });
}

/** Whether `userId` is a jobdesk admin of the workspace. */
export function isAdmin(deps: ServiceDeps, workspaceId: string, userId: string): Promise<boolean> {
  return deps.store.transaction(
    async (repos) => (await repos.members.findById(workspaceId, userId))?.role === 'admin',
  );
}
