import { recipients } from '../context.ts';
import { emailNotice } from '../outbox-topics.ts';
import type { OutboxItem, Repositories, StoredEmail } from '../ports.ts';

/**
 * An email of ours did not reach the merchant (refused by the relay, or bounced later): the
 * thread says so, and the job's assignees are told — or, with nobody assigned, the channel.
 */
export async function notDeliveredNotices(
  repos: Repositories,
  workspaceId: string,
  sent: StoredEmail,
): Promise<OutboxItem[]> {
  if (!sent.conversationId) return [];
  const job = await repos.jobs.findLatestForConversation(workspaceId, sent.conversationId);
  const assignees = job
    ? await recipients(repos, workspaceId, job.assignees, (m) => m.notifications.onMessage)
    : [];
  return [
    emailNotice(sent.id, 'not_delivered', { broadcast: assignees.length === 0 }),
    ...assignees.map((userId) => emailNotice(sent.id, 'not_delivered', { userId })),
  ];
}
