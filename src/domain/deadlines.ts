import { EXPIRABLE_STATUSES, type JobStatus } from './status.ts';

/** A job expires 72 hours after it was created at the source if the team has not responded. */
export const RESPONSE_WINDOW_MS = 72 * 60 * 60 * 1000;

export function expiresAtFor(createdAtSource: Date): Date {
  return new Date(createdAtSource.getTime() + RESPONSE_WINDOW_MS);
}

export interface DeadlineFacts {
  status: JobStatus;
  expiresAt: Date;
  firstResponseAt: Date | null;
}

/** Whether the clock still runs for this job: a team response stops it for good. */
export function clockRuns(job: DeadlineFacts): boolean {
  return job.firstResponseAt === null && EXPIRABLE_STATUSES.has(job.status);
}

/** Whether the job has run out of time at `now`, even if the sweep has not marked it yet. */
export function isPastDeadline(job: DeadlineFacts, now: Date): boolean {
  return clockRuns(job) && now.getTime() >= job.expiresAt.getTime();
}
