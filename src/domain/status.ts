/** The eight statuses of Shopify's "Manage jobs" workflow, in the order a job usually meets them. */
export const JOB_STATUSES = [
  'new',
  'opened',
  'responded',
  'awaiting_response',
  'inactive',
  'completed',
  'declined',
  'expired',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

export const STATUS_LABELS: Record<JobStatus, string> = {
  new: 'New',
  opened: 'Opened',
  responded: 'Responded',
  awaiting_response: 'Awaiting response',
  inactive: 'Inactive',
  completed: 'Completed',
  declined: 'Declined',
  expired: 'Expired',
};

/** Statuses after which nothing more happens to a job but messages (completed) or nothing at all. */
export const CLOSED_STATUSES: ReadonlySet<JobStatus> = new Set([
  'completed',
  'declined',
  'expired',
]);

/**
 * Statuses of a job still in play. A job in one of them with nobody assigned is a job "nobody has
 * taken", whatever happened to it so far (opened to read it, answered, a merchant wrote): it
 * stays in that list until someone is assigned or it closes, so no open job falls out of sight.
 */
export const OPEN_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter(
  (status) => !CLOSED_STATUSES.has(status),
);

/** Statuses in which the 72-hour clock runs, as long as the team has not answered yet. */
export const EXPIRABLE_STATUSES: ReadonlySet<JobStatus> = new Set([
  'new',
  'opened',
  'awaiting_response',
]);

export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}
