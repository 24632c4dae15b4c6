import { type Conversation, DomainError, decide, formatJobRef, type Job } from '../domain/index.ts';
import { recipients, type ServiceDeps, saveJob } from './context.ts';
import { createJob } from './create-job.ts';
import { homeRefreshDelay, homeViewers } from './home-refresh.ts';
import type {
  IntakeEvent,
  IntakeJob,
  IntakeMerchant,
  JobCreatedEvent,
  JobDeclinedEvent,
  MessageReceivedEvent,
  ProposalAcceptedEvent,
} from './intake/events.ts';
import { directMessage, inquiryCard, threadMessage, threadProposal } from './outbox-topics.ts';
import type { Repositories } from './ports.ts';
import { recordChange } from './record-change.ts';

export type IngestResult = {
  outcome: 'accepted' | 'duplicate';
  job?: string;
  /** Facts the sender may want to know; nothing was lost because of them. */
  notes?: string[];
};

type Handled = Omit<IngestResult, 'outcome'>;

/**
 * Takes one intake event into the workspace: idempotent by event id (a repeat, even a concurrent
 * one, changes nothing and says `duplicate`), and all of it in one transaction.
 */
export function ingestEvent(
  deps: ServiceDeps,
  workspaceId: string,
  event: IntakeEvent,
): Promise<IngestResult> {
  return deps.store.transaction((repos) => ingestEventWithin(repos, deps, workspaceId, event));
}

/**
 * The same, inside a transaction the caller holds: the email pipeline stores its email and the
 * event it became in one unit of work, through these very paths.
 */
export async function ingestEventWithin(
  repos: Repositories,
  deps: ServiceDeps,
  workspaceId: string,
  event: IntakeEvent,
): Promise<IngestResult> {
  // Sent together: postgres.js pipelines them on the transaction's connection, one round trip.
  const [, fresh] = await Promise.all([
    repos.workspaces.ensure(workspaceId),
    repos.intake.record(workspaceId, {
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      payload: event,
    }),
  ]);
  if (!fresh) {
    const earlier = await repos.intake.findOutcome(workspaceId, event.id);
    return { ...(earlier as Handled | undefined), outcome: 'duplicate' };
  }
  const ctx: IngestContext = {
    repos,
    deps,
    workspaceId,
    now: deps.now(),
    eventId: event.id,
    outcomeWritten: false,
  };
  const handled = await handle(ctx, event);
  if (!ctx.outcomeWritten) await repos.intake.setOutcome(workspaceId, event.id, { ...handled });
  return { outcome: 'accepted', ...handled };
}

interface IngestContext {
  repos: Repositories;
  deps: ServiceDeps;
  workspaceId: string;
  now: Date;
  eventId: string;
  /** Set when a handler wrote the event's outcome with its own last writes (a round trip less). */
  outcomeWritten: boolean;
}

function handle(ctx: IngestContext, event: IntakeEvent): Promise<Handled> {
  switch (event.type) {
    case 'job.created':
      return jobCreated(ctx, event);
    case 'message.received':
      return messageReceived(ctx, event);
    case 'proposal.accepted':
      return proposalAccepted(ctx, event);
    case 'job.declined':
      return jobDeclined(ctx, event);
  }
}

async function conversationFor(
  ctx: IngestContext,
  merchant: IntakeMerchant,
  conversationId: string,
) {
  const saved = await ctx.repos.merchants.upsert(ctx.workspaceId, {
    sourceId: merchant.id,
    name: merchant.name,
    email: merchant.email,
    // An email sender has no store: '' leaves what is known (nothing, or an earlier lead's store).
    storeDomain: merchant.store.domain || undefined,
    storeName: merchant.store.name,
    dropshipper: merchant.dropshipper,
  });
  return ctx.repos.conversations.upsert(ctx.workspaceId, conversationId, saved.id);
}

/**
 * Whether the job is known already, read along with who looks at Home lately (the new card's
 * refreshes need it): sent together, one round trip.
 */
async function knownJob(ctx: IngestContext, sourceId: string): Promise<Job | undefined> {
  const [known] = await Promise.all([
    ctx.repos.jobs.findBySourceId(ctx.workspaceId, sourceId),
    homeViewers(ctx.repos, ctx.workspaceId, ctx.now),
  ]);
  return known;
}

async function newJobFrom(
  ctx: IngestContext,
  job: IntakeJob,
  conversation: Conversation,
  known: Job | undefined,
  options: {
    /** Reserved along with the lookups (see JobDraft). */
    id?: number;
    start?: { acceptedAt: Date };
    /** The job is the event's whole outcome: written with the job's own rows. */
    outcomeWithJob?: boolean;
  } = {},
): Promise<Handled> {
  const { start } = options;
  if (known) {
    return {
      job: formatJobRef(known.number),
      notes: [`job ${job.id} was already known as ${formatJobRef(known.number)}; nothing changed`],
    };
  }
  const created = await createJob(
    ctx.repos,
    ctx.workspaceId,
    {
      ...(options.id !== undefined && { id: options.id }),
      sourceId: job.id,
      conversation,
      title: job.title,
      description: job.description ?? null,
      // An email lead may name no service.
      service: job.service || null,
      budget: job.budget ?? null,
      sourceCreatedAt: job.createdAt,
      createdBy: null,
      start: start && {
        status: 'opened',
        firstResponseAt: start.acceptedAt,
        openedAt: start.acceptedAt,
      },
    },
    'intake',
    ctx.now,
    homeRefreshDelay(ctx.deps),
    options.outcomeWithJob ? (jobId) => writeJobOutcome(ctx, jobId) : undefined,
  );
  return handledAs(created);
}

function handledAs(job: Job): Handled {
  return { job: formatJobRef(job.number) };
}

/** The event's outcome is the job it created (handledAs): written with the job's own rows. */
function writeJobOutcome(ctx: IngestContext, jobId: number): Promise<void> {
  ctx.outcomeWritten = true;
  return ctx.repos.intake.setJobOutcome(ctx.workspaceId, ctx.eventId, jobId);
}

async function jobCreated(ctx: IngestContext, event: JobCreatedEvent): Promise<Handled> {
  // The lookups and the new job's id go out with the merchant's upsert (pipelined): one round
  // trip for all of them. An id a known job did not need is a gap nobody sees.
  const [conversation, known, id] = await Promise.all([
    conversationFor(ctx, event.data.merchant, event.data.conversation.id),
    knownJob(ctx, event.data.job.id),
    ctx.repos.jobs.reserveId(),
  ]);
  return newJobFrom(ctx, event.data.job, conversation, known, { id, outcomeWithJob: true });
}

async function messageReceived(ctx: IngestContext, event: MessageReceivedEvent): Promise<Handled> {
  const { repos, workspaceId } = ctx;
  const conversation = await conversationFor(ctx, event.data.merchant, event.data.conversation.id);
  const notes: string[] = [];
  let job: Job | undefined;
  if (event.data.job) {
    job = await repos.jobs.findBySourceId(workspaceId, event.data.job.id, 'for_update');
    if (!job)
      notes.push(
        `job ${event.data.job.id} is not known; the message was filed on its conversation`,
      );
  }
  job ??= await repos.jobs.findLatestForConversation(workspaceId, conversation.id, 'for_update');

  const { message, inserted } = await repos.messages.insert(workspaceId, {
    conversationId: conversation.id,
    jobId: job?.id ?? null,
    direction: 'merchant',
    authorUserId: null,
    body: event.data.message.body,
    sourceId: event.data.message.id,
    sentAt: event.data.message.sentAt,
  });
  if (!inserted) {
    return {
      ...(job && { job: formatJobRef(job.number) }),
      notes: [`message ${event.data.message.id} was already stored`],
    };
  }

  if (!job) {
    await repos.events.append(workspaceId, {
      jobId: null,
      conversationId: conversation.id,
      actor: 'merchant',
      action: 'merchant_message',
      at: ctx.now,
      details: { messageId: message.id },
    });
    await repos.outbox.enqueue(workspaceId, [
      inquiryCard(conversation.id),
      threadMessage(message.id),
    ]);
    return notes.length ? { notes } : {};
  }

  // A merchant message is always stored; only the status move depends on the workflow.
  const decision = decide(job, 'merchant_message', ctx.now);
  const after = await saveJob(repos, job, {
    status: decision.changed ? decision.to : job.status,
    lastWriter: 'merchant',
    lastMessageAt: message.sentAt,
  });
  const notify = await recipients(
    repos,
    workspaceId,
    job.assignees,
    (m) => m.notifications.onMessage,
  );
  await recordChange(repos, ctx.deps, {
    before: job,
    after,
    actor: 'merchant',
    action: 'merchant_message',
    at: ctx.now,
    details: { messageId: message.id },
    also: [
      threadMessage(message.id),
      ...notify.map((userId) =>
        directMessage({
          userId,
          jobId: job.id,
          reason: 'merchant_message',
          messageId: message.id,
          // The message moved the job: this one DM says so (no second one for the move).
          ...(decision.changed && { from: job.status, to: after.status }),
        }),
      ),
    ],
  });
  return { job: formatJobRef(job.number), ...(notes.length && { notes }) };
}

async function proposalAccepted(
  ctx: IngestContext,
  event: ProposalAcceptedEvent,
): Promise<Handled> {
  const { repos, workspaceId } = ctx;
  const { data } = event;
  const conversation = await conversationFor(ctx, data.merchant, data.conversation.id);
  const already = await repos.proposals.findBySourceId(workspaceId, data.proposal.id);
  if (already) return { notes: [`proposal ${data.proposal.id} was already recorded`] };

  let handled: Handled = {};
  let jobId: number | null = null;
  if (data.storeChoice === 'existing') {
    const known = await knownJob(ctx, data.job.id);
    handled = await newJobFrom(ctx, data.job, conversation, known, {
      start: { acceptedAt: event.occurredAt },
    });
    jobId = (await repos.jobs.findBySourceId(workspaceId, data.job.id))?.id ?? null;
  }
  const proposal = await repos.proposals.insert(workspaceId, {
    conversationId: conversation.id,
    sourceId: data.proposal.id,
    title: data.proposal.title,
    amount: data.proposal.amount ?? null,
    currency: data.proposal.currency ?? null,
    storeChoice: data.storeChoice,
    jobId,
    acceptedAt: event.occurredAt,
  });
  await repos.events.append(workspaceId, {
    jobId,
    conversationId: conversation.id,
    actor: 'merchant',
    action: 'proposal_accepted',
    at: ctx.now,
    details: { proposalId: proposal.id, storeChoice: data.storeChoice },
  });
  // A new store means no job: the accepted proposal shows in the conversation instead.
  const items = [threadProposal(proposal.id)];
  if (!jobId) items.unshift(inquiryCard(conversation.id));
  await repos.outbox.enqueue(workspaceId, items);
  return handled;
}

async function jobDeclined(ctx: IngestContext, event: JobDeclinedEvent): Promise<Handled> {
  const { repos, workspaceId } = ctx;
  const job = await repos.jobs.findBySourceId(workspaceId, event.data.job.id, 'for_update');
  if (!job) {
    throw new DomainError(
      'invalid_input',
      `data.job.id: no job with id ${event.data.job.id} is known`,
      {
        path: 'data.job.id',
      },
    );
  }
  const ref = formatJobRef(job.number);
  let decision: ReturnType<typeof decide>;
  try {
    decision = decide(job, 'merchant_decline', ctx.now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The merchant's decline is a fact at the source: record it, but the workflow keeps the job.
    await repos.events.append(workspaceId, {
      jobId: job.id,
      conversationId: job.conversationId,
      actor: 'merchant',
      action: 'merchant_decline_ignored',
      fromStatus: job.status,
      toStatus: job.status,
      at: ctx.now,
      details: { reason: event.data.reason ?? null, refusal: error.code },
    });
    return { job: ref, notes: [`not applied: ${error.message}`] };
  }
  const after = await saveJob(repos, job, {
    status: decision.to,
    closedAt: ctx.now,
    declinedBy: 'merchant',
    declineReason: 'merchant',
    declineNote: event.data.reason ?? null,
  });
  await recordChange(repos, ctx.deps, {
    before: job,
    after,
    actor: 'merchant',
    action: 'merchant_decline',
    at: ctx.now,
    details: event.data.reason ? { reason: event.data.reason } : {},
  });
  return { job: ref };
}
