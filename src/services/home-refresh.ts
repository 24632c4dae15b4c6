import { clockRuns, type DeadlineFacts, type Job, OPEN_STATUSES } from '../domain/index.ts';
import { homeView } from './outbox-topics.ts';
import type { OutboxItem, Repositories } from './ports.ts';

const HOUR = 60 * 60 * 1000;

/** App Home lists the team's jobs whose 72-hour clock ends within this window. */
export const DUE_SOON_MS = 24 * HOUR;

/**
 * The audit action that records a person opening their App Home. Who looks at Home is kept in
 * job_events (job null) rather than in a new members column: the schema belongs to another piece
 * of work, and the (workspace, action, at) index already answers "who opened it lately".
 */
export const HOME_OPENED = 'home_opened';

/**
 * Someone who opened Home within this window may still be looking at it, so team-wide changes
 * re-publish theirs. Slack sends app_home_opened on every visit to the tab, and each visit
 * publishes afresh, so anyone away longer sees the current state when they come back anyway.
 */
export const HOME_VIEWER_WINDOW_MS = 24 * HOUR;

/**
 * How long a Home refresh waits before it is delivered. A burst of changes (a team clicking
 * through new jobs, a sweep) then re-renders each Home once, after the burst, instead of once per
 * change while the burst is still being acked: a Home is four lists with their counts (about
 * 100 ms of queries at 100,000 jobs), and a change to a new job reaches everyone's. Home lags the
 * card by this much, which nobody looking at both will notice.
 */
export const HOME_REFRESH_DELAY_MS = 2000;

export function homeRefreshDelay(deps: { homeRefreshDelayMs?: number }): number {
  return deps.homeRefreshDelayMs ?? HOME_REFRESH_DELAY_MS;
}

/** What decides whose Home a job is on: a job about to be inserted has all of it already. */
export type HomeFacts = Pick<Job, 'workspaceId' | 'assignees' | 'status'> & DeadlineFacts;

/** Whether `job` shows on every member's Home: an open job nobody took, or one about to expire. */
export function onEveryonesHome(job: HomeFacts, at: Date): boolean {
  if (job.assignees.length === 0 && OPEN_STATUSES.includes(job.status)) return true;
  const left = job.expiresAt.getTime() - at.getTime();
  return clockRuns(job) && left > 0 && left <= DUE_SOON_MS;
}

// One lookup per workspace and transaction: the deadline sweep records hundreds of changes in one.
const viewersByTransaction = new WeakMap<Repositories, Map<string, Promise<string[]>>>();

/** Members who opened their Home lately (see HOME_VIEWER_WINDOW_MS). */
export function homeViewers(repos: Repositories, workspaceId: string, at: Date): Promise<string[]> {
  let byWorkspace = viewersByTransaction.get(repos);
  if (!byWorkspace) {
    byWorkspace = new Map();
    viewersByTransaction.set(repos, byWorkspace);
  }
  let viewers = byWorkspace.get(workspaceId);
  if (!viewers) {
    viewers = repos.events.recentActors(
      workspaceId,
      HOME_OPENED,
      new Date(at.getTime() - HOME_VIEWER_WINDOW_MS),
    );
    byWorkspace.set(workspaceId, viewers);
  }
  return viewers;
}

/**
 * The Home refreshes a change to `jobs` (its states before and after) calls for: every assignee
 * before and after, and when the job is or was on everyone's Home, everyone looking lately.
 */
export async function homeRefreshes(
  repos: Repositories,
  jobs: HomeFacts[],
  at: Date,
  delayMs: number,
): Promise<OutboxItem[]> {
  const [first] = jobs;
  if (!first) return [];
  const users = new Set(jobs.flatMap((job) => job.assignees));
  if (jobs.some((job) => onEveryonesHome(job, at))) {
    for (const viewer of await homeViewers(repos, first.workspaceId, at)) users.add(viewer);
  }
  // In one order everywhere: two transactions enqueueing the same people's refreshes wait on
  // each other's pending rows (the coalesce key is unique), and in different orders they deadlock.
  return [...users].sort().map((user) => homeView(user, delayMs));
}
