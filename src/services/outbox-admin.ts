import { formatJobRef } from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { DirectMessage } from './outbox-topics.ts';
import { adminNotice, reminderEntries, TOPICS } from './outbox-topics.ts';
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
    return repos.outbox.revive(actor.workspaceId, ids);
  });
}

/**
 * Forgets deliveries done before `before` (wall clock, like their done_at), a batch at a time:
 * the deadline tick calls it, so the outbox does not grow forever.
 */
export function pruneDeliveredOutbox(
  deps: ServiceDeps,
  workspaceId: string,
  before: Date,
  batch = 1000,
): Promise<number> {
  return deps.store.transaction((repos) => repos.outbox.pruneDone(workspaceId, before, batch));
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
      const refs = await Promise.all(reminderEntries(p).map((e) => jobRef(repos, ws, e.jobId)));
      return {
        about: `The deadline reminder of ${refs.join(', ') || 'no job'} in the jobs channel`,
        short: refs.length === 1 ? `${refs[0]} reminder` : `reminder of ${refs.length} jobs`,
      };
    }
    case TOPICS.dmReminders: {
      const refs = await Promise.all(reminderEntries(p).map((e) => jobRef(repos, ws, e.jobId)));
      const to = /^[UW][A-Z0-9]+$/.test(String(p.userId)) ? `<@${String(p.userId)}>` : 'a member';
      return {
        about: `A DM to ${to} reminding of ${refs.join(', ')}`,
        short: `reminder DM of ${refs.length} jobs`,
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

/** The newest dead delivery and how many there are: for /healthz and the admins' notice. */
export interface DeadSummary {
  total: number;
  newest: DeadDeliveryView | undefined;
}

export function deadDeliverySummary(deps: ServiceDeps, workspaceId: string): Promise<DeadSummary> {
  return deps.store.transaction(async (repos) => {
    const [[newest], total] = await Promise.all([
      repos.outbox.listDead(workspaceId, 1),
      repos.outbox.countDead(workspaceId),
    ]);
    const actor = { workspaceId, userId: 'system' };
    return { total, newest: newest && { ...newest, ...(await describe(repos, actor, newest)) } };
  });
}

export const DEAD_NOTICE = 'dead_deliveries_announced';
/** Admins hear of new dead deliveries at once, then at most once a day while more keep dying. */
export const DEAD_NOTICE_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * DMs the admins when deliveries died since they were last told: one DM for a burst (fifty cards
 * failing because the app left the channel are one problem), with what failed and what to do.
 * Returns how many admins were told. The deadline clock calls it on every tick.
 */
export function announceDeadDeliveries(deps: ServiceDeps, workspaceId: string): Promise<number> {
  return deps.store.transaction(async (repos) => {
    const [newest] = await repos.outbox.listDead(workspaceId, 1);
    if (!newest) return 0;
    const now = deps.now();
    const last = await repos.events.latest(workspaceId, DEAD_NOTICE);
    if (last) {
      const upTo = Number(last.details.upTo);
      if (Number.isFinite(upTo) && newest.id <= upTo) return 0;
      if (now.getTime() - last.at.getTime() < DEAD_NOTICE_EVERY_MS) return 0;
    }
    const [admins, total] = await Promise.all([
      repos.members.listAdmins(workspaceId),
      repos.outbox.countDead(workspaceId),
    ]);
    const { about } = await describe(repos, { workspaceId, userId: 'system' }, newest);
    const error = newest.lastError ?? 'no error recorded';
    await repos.outbox.enqueue(
      workspaceId,
      admins.map((userId) => adminNotice({ userId, total, about, error })),
    );
    await repos.events.append(workspaceId, {
      jobId: null,
      conversationId: null,
      actor: 'system',
      action: DEAD_NOTICE,
      at: now,
      details: { upTo: newest.id, total, admins },
    });
    return admins.length;
  });
}
