import { dueReminder, REMINDER_STAGES, type ReminderStage } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { recipients } from './context.ts';
import {
  channelReminders,
  directMessage,
  dmReminders,
  type ReminderEntry,
} from './outbox-topics.ts';
import type { OutboxItem, Repositories } from './ports.ts';

export const REMINDER_BATCH = 200;

export type RemindersSent = Record<ReminderStage, number>;

/**
 * Reminders before a job's 72 hours run out, a day and four hours ahead: a DM to each assignee
 * who wants deadline DMs, or, when nobody is assigned, a post in the jobs channel. The jobs due at
 * one tick share one channel post (a team with twelve unanswered jobs gets one message listing
 * them, not twelve). Jobs are claimed with SKIP LOCKED and marked in the same transaction as the
 * reminder is queued, so however many replicas tick at once, each reminder goes out once. A job
 * first seen inside four hours gets the 4-hour reminder only. Returns how many jobs were reminded.
 */
export async function sendDeadlineReminders(
  deps: ServiceDeps,
  workspaceId: string,
  batch = REMINDER_BATCH,
): Promise<RemindersSent> {
  const sent: RemindersSent = { '24h': 0, '4h': 0 };
  for (;;) {
    const round = await deps.store.transaction((repos) =>
      remindOnce(repos, deps, workspaceId, batch),
    );
    for (const { stage } of REMINDER_STAGES) sent[stage] += round.reminded[stage];
    // Another round only when a stage filled its batch (and got somewhere): a burst of hundreds.
    if (!round.full) break;
  }
  return sent;
}

async function remindOnce(
  repos: Repositories,
  deps: ServiceDeps,
  workspaceId: string,
  batch: number,
): Promise<{ reminded: RemindersSent; full: boolean }> {
  const now = deps.now();
  const reminded: RemindersSent = { '24h': 0, '4h': 0 };
  let full = false;
  const forChannel = new Map<string, ReminderEntry[]>();
  /** workspace → assignee → their jobs due now: one DM each, like one post for the channel. */
  const forPeople = new Map<string, Map<string, ReminderEntry[]>>();
  // The 4-hour stage first: it also settles the 24-hour one of the jobs it reminds, which the
  // 24-hour claim in this same transaction then no longer sees.
  for (const { stage, beforeMs } of REMINDER_STAGES) {
    const claimed = await repos.deadlines.claimReminders(workspaceId, stage, now, beforeMs, batch);
    // The query and the domain rule say the same; the rule has the last word.
    const due = claimed.filter((job) => dueReminder(job, now) === stage);
    if (claimed.length >= batch && due.length > 0) full = true;
    await repos.deadlines.markReminded(
      due.map((d) => d.id),
      stage,
      now,
    );
    for (const { id, workspaceId } of due) {
      const job = await repos.jobs.findById(workspaceId, id);
      if (!job) continue;
      let to: string[] | 'channel';
      if (job.assignees.length) {
        to = await recipients(repos, workspaceId, job.assignees, (m) => m.notifications.onDeadline);
        const people = forPeople.get(workspaceId) ?? new Map<string, ReminderEntry[]>();
        for (const userId of to)
          people.set(userId, [...(people.get(userId) ?? []), { jobId: id, stage }]);
        forPeople.set(workspaceId, people);
      } else {
        to = 'channel';
        const list = forChannel.get(workspaceId) ?? [];
        list.push({ jobId: id, stage });
        forChannel.set(workspaceId, list);
      }
      await repos.events.append(workspaceId, {
        jobId: id,
        conversationId: job.conversationId,
        actor: 'system',
        action: 'deadline_reminder',
        at: now,
        details: { stage, to, expiresAt: job.expiresAt.toISOString() },
      });
      reminded[stage] += 1;
    }
  }
  for (const [workspaceId, jobs] of forChannel) {
    await repos.outbox.enqueue(workspaceId, [channelReminders(jobs)]);
  }
  for (const [workspaceId, people] of forPeople) {
    const items: OutboxItem[] = [...people].map(([userId, [only, ...more]]) =>
      only && more.length === 0
        ? directMessage({ userId, jobId: only.jobId, reason: 'deadline' })
        : dmReminders(userId, people.get(userId) ?? []),
    );
    await repos.outbox.enqueue(workspaceId, items);
  }
  return { reminded, full };
}
