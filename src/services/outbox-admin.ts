import { formatJobRef } from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { DirectMessage } from './outbox-topics.ts';
import { TOPICS } from './outbox-topics.ts';
import type { DeadDelivery, Repositories } from './ports.ts';
import { requireAdmin } from './preferences.ts';

/** A dead delivery with what it was about, in words an admin can act on. */
export interface DeadDeliveryView extends DeadDelivery {
  /** "The card of J-12", "A DM to <@U1> about J-3", "The outbound webhook (job.status_changed)". */
  about: string;
  /** A few words for its button: "J-12 card", "J-3 DM", "webhook". */
  short: string;
}

export interface DeadDeliveries {
  rows: DeadDeliveryView[];
  total: number;
}

export const DEAD_LIST_LIMIT = 10;

/** Admins see the deliveries that kept failing, newest first, to retry them once fixed. */
export function listDeadDeliveries(
  deps: ServiceDeps,
  actor: Actor,
  limit = DEAD_LIST_LIMIT,
): Promise<DeadDeliveries> {
  return deps.store.transaction(async (repos) => {
    await requireAdmin(repos, actor, 'see and retry failed deliveries');
    const [dead, total] = await Promise.all([
      repos.outbox.listDead(actor.workspaceId, limit),
      repos.outbox.countDead(actor.workspaceId),
    ]);
    const rows: DeadDeliveryView[] = [];
    for (const row of dead) rows.push({ ...row, ...(await describe(repos, actor, row)) });
    return { rows, total };
  });
}

/**
 * Puts dead deliveries (`ids`, or all of them) back in the outbox with fresh attempts; the worker
 * renders them from the current state, so an old card update shows the job as it is now.
 * Returns how many will be delivered again.
 */
export function retryDeadDeliveries(
  deps: ServiceDeps,
  actor: Actor,
  ids: number[] | 'all',
): Promise<number> {
  return deps.store.transaction(async (repos) => {
    await requireAdmin(repos, actor, 'see and retry failed deliveries');
    // The worker runs on the wall clock, even when the business clock was moved (tests, sandbox).
    return repos.outbox.revive(actor.workspaceId, ids, new Date());
  });
}

/**
 * Forgets deliveries done before `before` (wall clock, like their done_at), a batch at a time:
 * the deadline tick calls it, so the outbox does not grow forever.
 */
export function pruneDeliveredOutbox(
  deps: ServiceDeps,
  before: Date,
  batch = 1000,
): Promise<number> {
  return deps.store.transaction((repos) => repos.outbox.pruneDone(before, batch));
}

async function jobRef(repos: Repositories, workspaceId: string, jobId: unknown) {
  const job = await repos.jobs.findById(workspaceId, Number(jobId));
  return job ? formatJobRef(job.number) : `job #${String(jobId)} (deleted)`;
}

async function describe(
  repos: Repositories,
  actor: Actor,
  row: DeadDelivery,
): Promise<{ about: string; short: string }> {
  const ws = actor.workspaceId;
  const p = row.payload;
  switch (row.topic) {
    case TOPICS.jobCard: {
      const ref = await jobRef(repos, ws, p.jobId);
      return { about: `The card of ${ref}`, short: `${ref} card` };
    }
    case TOPICS.inquiryCard:
      return {
        about: 'The card of an inquiry (a conversation without a job)',
        short: 'inquiry card',
      };
    case TOPICS.threadMessage: {
      const message = await repos.messages.findById(ws, Number(p.messageId));
      const ref = message?.jobId ? await jobRef(repos, ws, message.jobId) : undefined;
      const who = message?.direction === 'team' ? 'A team reply' : 'A merchant message';
      return {
        about: `${who}${ref ? ` on ${ref}` : ''} in its thread`,
        short: `${ref ?? 'thread'} message`,
      };
    }
    case TOPICS.threadProposal:
      return { about: 'An accepted proposal in its thread', short: 'proposal' };
    case TOPICS.directMessage: {
      const dm = p as unknown as DirectMessage;
      const ref = await jobRef(repos, ws, dm.jobId);
      const to = /^[UW][A-Z0-9]+$/.test(dm.userId) ? `<@${dm.userId}>` : 'a member';
      return {
        about: `A DM (${dm.reason.replace(/_/g, ' ')}) to ${to} about ${ref}`,
        short: `${ref} DM`,
      };
    }
    case TOPICS.channelReminder: {
      const ref = await jobRef(repos, ws, p.jobId);
      return {
        about: `The ${String(p.stage)} deadline reminder of ${ref}`,
        short: `${ref} reminder`,
      };
    }
    case TOPICS.digest:
      return { about: `The daily digest of ${String(p.day)}`, short: 'digest' };
    case TOPICS.webhook:
      return { about: `The outbound webhook (${String(p.type)})`, short: 'webhook' };
    case TOPICS.emailSend: {
      const email = await repos.emails.findById(ws, Number(p.emailId));
      const job = email?.conversationId
        ? await repos.jobs.findLatestForConversation(ws, email.conversationId)
        : undefined;
      const ref = job ? `J-${job.number}` : undefined;
      // The view puts `about` into mrkdwn as it is: an address keeps none of Slack's markup.
      const to = (email?.toAddress ?? 'the merchant').replace(/[<>&]/g, '');
      return {
        about: `An email (${(email?.kind ?? 'reply').replace(/_/g, ' ')}) to ${to}${ref ? ` on ${ref}` : ''}`,
        short: `${ref ?? 'inquiry'} email`,
      };
    }
    default:
      return { about: `A delivery of kind ${row.topic}`, short: row.topic };
  }
}
