import type { Merchant, Message, Proposal } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';

/**
 * Facts about Slack that jobdesk keeps: where each card lives (stored as soon as Slack answers,
 * so a restart updates the card instead of posting a second one) and which channel gets cards.
 */

export function recordJobCard(
  deps: ServiceDeps,
  workspaceId: string,
  jobId: number,
  card: { channelId: string; ts: string },
): Promise<void> {
  return deps.store.transaction(async (repos) => {
    const job = await repos.jobs.findById(workspaceId, jobId, 'for_update');
    if (!job) return;
    await repos.jobs.update(job, { cardChannelId: card.channelId, cardTs: card.ts });
  });
}

export function recordInquiryCard(
  deps: ServiceDeps,
  workspaceId: string,
  conversationId: number,
  card: { channelId: string; ts: string },
): Promise<void> {
  return deps.store.transaction((repos) =>
    repos.conversations.update(workspaceId, conversationId, {
      cardChannelId: card.channelId,
      cardTs: card.ts,
    }),
  );
}

export function jobsChannel(deps: ServiceDeps, workspaceId: string): Promise<string | null> {
  return deps.store.transaction((repos) => repos.workspaces.jobsChannel(workspaceId));
}

export function getMessage(
  deps: ServiceDeps,
  workspaceId: string,
  id: number,
): Promise<Message | undefined> {
  return deps.store.transaction((repos) => repos.messages.findById(workspaceId, id));
}

export function getMerchant(
  deps: ServiceDeps,
  workspaceId: string,
  id: number,
): Promise<Merchant | undefined> {
  return deps.store.transaction((repos) => repos.merchants.findById(workspaceId, id));
}

export function getProposal(
  deps: ServiceDeps,
  workspaceId: string,
  id: number,
): Promise<Proposal | undefined> {
  return deps.store.transaction(async (repos) => repos.proposals.findById(workspaceId, id));
}
