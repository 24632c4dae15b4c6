import { dueReminder, REMINDER_STAGES, type ReminderStage } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { recipients } from './context.ts';
import { channelReminder, directMessage } from './outbox-topics.ts';
import type { OutboxItem } from './ports.ts';

export const REMINDER_BATCH = 200;

export type RemindersSent = Record<ReminderStage, number>;

/**
 * Reminders before a job's 72 hours run out, a day and four hours ahead: a DM to each assignee
 * who wants deadline DMs, or, when nobody is assigned, a post under the job's card in the jobs
 * channel. Jobs are claimed with SKIP LOCKED and marked in the same transaction as the reminder
 * is queued, so however many replicas tick at once, each reminder goes out once. A job first
 * seen inside four hours gets the 4-hour reminder only. Returns how many jobs were reminded.
 */
export async function sendDeadlineReminders(
  deps: ServiceDeps,
  workspaceId: string,
  batch = REMINDER_BATCH,
): Promise<RemindersSent> {
  const sent: RemindersSent = { '24h': 0, '4h': 0 };
  // The 4-hour stage first: it also settles the 24-hour one of the jobs it reminds.
  for (const { stage, beforeMs } of REMINDER_STAGES) {
    for (;;) {
      const claimed = await deps.store.transaction(async (repos) => {
        const now = deps.now();
        const claimed = await repos.deadlines.claimReminders(
          workspaceId,
          stage,
          now,
          beforeMs,
          batch,
        );
        // The query and the domain rule say the same; the rule has the last word.
        const due = claimed.filter((job) => dueReminder(job, now) === stage);
        await repos.deadlines.markReminded(
          due.map((d) => d.id),
          stage,
          now,
        );
        for (const { id, workspaceId } of due) {
          const job = await repos.jobs.findById(workspaceId, id);
          if (!job) continue;
          let items: OutboxItem[];
          let to: string[] | 'channel';
          if (job.assignees.length) {
            to = await recipients(
              repos,
              workspaceId,
              job.assignees,
              (m) => m.notifications.onDeadline,
            );
            items = to.map((userId) => directMessage({ userId, jobId: id, reason: 'deadline' }));
          } else {
            to = 'channel';
            items = [channelReminder(id, stage)];
          }
          await repos.outbox.enqueue(workspaceId, items);
          await repos.events.append(workspaceId, {
            jobId: id,
            conversationId: job.conversationId,
            actor: 'system',
            action: 'deadline_reminder',
            at: now,
            details: { stage, to, expiresAt: job.expiresAt.toISOString() },
          });
        }
        return { claimed: claimed.length, reminded: due.length };
      });
      sent[stage] += claimed.reminded;
      if (claimed.claimed < batch || claimed.reminded === 0) break;
    }
  }
  return sent;
}
