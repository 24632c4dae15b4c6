import type { ServiceDeps } from '../context.ts';
import type { StoredEmail } from '../ports.ts';
import { notDeliveredNotices } from './not-delivered.ts';

/** An outbound email as the sender needs it, with the Reply-To that threads the answer back. */
export interface OutboundEmail {
  email: StoredEmail;
  replyTo: string | null;
}

export function getOutboundEmail(
  deps: ServiceDeps,
  workspaceId: string,
  id: number,
): Promise<OutboundEmail | undefined> {
  return deps.store.transaction(async (repos) => {
    const email = await repos.emails.findById(workspaceId, id);
    if (email?.direction !== 'outbound') return undefined;
    const inbound = deps.email?.inbound;
    let replyTo: string | null = null;
    if (inbound && email.conversationId) {
      const token = await repos.emails.tokenFor(workspaceId, email.conversationId, () => {
        throw new Error('the thread token is made when the email is queued');
      });
      replyTo = `${inbound.local}+${token}@${inbound.domain}`;
    }
    return { email, replyTo };
  });
}

export function getEmail(deps: ServiceDeps, workspaceId: string, id: number) {
  return deps.store.transaction((repos) => repos.emails.findById(workspaceId, id));
}

export function getEmailForMessage(deps: ServiceDeps, workspaceId: string, messageId: number) {
  return deps.store.transaction((repos) => repos.emails.findByChatMessage(workspaceId, messageId));
}

/** The conversation's emails, for reading them whole from the job's details. */
export function listConversationEmails(
  deps: ServiceDeps,
  workspaceId: string,
  conversationId: number,
) {
  return deps.store.transaction((repos) =>
    repos.emails.listForConversation(workspaceId, conversationId, 50),
  );
}

export function markEmailSent(deps: ServiceDeps, workspaceId: string, id: number): Promise<void> {
  return deps.store.transaction((repos) =>
    repos.emails.update(workspaceId, id, { delivery: 'sent' }),
  );
}

/** The relay refused the email for good: not delivered, the thread and the assignees told once. */
export function markEmailRefused(
  deps: ServiceDeps,
  workspaceId: string,
  id: number,
  reason: string,
): Promise<void> {
  return deps.store.transaction(async (repos) => {
    const email = await repos.emails.findById(workspaceId, id);
    if (!email) return;
    if (!(await repos.emails.markNotDelivered(workspaceId, id, reason))) return;
    await repos.outbox.enqueue(workspaceId, await notDeliveredNotices(repos, workspaceId, email));
  });
}
