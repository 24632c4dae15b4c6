import { clockRuns, type DeadlineFacts } from './deadlines.ts';

/** Reminders before a job's 72 hours run out: a day ahead, then four hours ahead. */
export type ReminderStage = '24h' | '4h';

const HOUR = 60 * 60 * 1000;

/** Latest first: a job already inside four hours gets the 4-hour reminder only. */
export const REMINDER_STAGES: readonly { stage: ReminderStage; beforeMs: number }[] = [
  { stage: '4h', beforeMs: 4 * HOUR },
  { stage: '24h', beforeMs: 24 * HOUR },
];

/**
 * The reminder a job is due at `now`, given which ones it already had: none once the clock
 * stopped or ran out, the 4-hour one inside four hours, the 24-hour one inside a day.
 */
export function dueReminder(
  job: DeadlineFacts & { reminded24hAt: Date | null; reminded4hAt: Date | null },
  now: Date,
): ReminderStage | undefined {
  if (!clockRuns(job)) return undefined;
  const left = job.expiresAt.getTime() - now.getTime();
  if (left <= 0) return undefined;
  if (left <= 4 * HOUR) return job.reminded4hAt ? undefined : '4h';
  if (left <= 24 * HOUR) return job.reminded24hAt ? undefined : '24h';
  return undefined;
}
