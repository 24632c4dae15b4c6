import { endOfLocalDay, localDay, localTime } from '../domain/calendar.ts';
import type { Job, JobStatus } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';
import { digest } from './outbox-topics.ts';

export interface DigestSchedule {
  /** Local hour (0–23) from which the day's digest is due. */
  hour: number;
  timeZone: string;
}

/**
 * Queues the day's digest once it is due: from `hour` o'clock in the time zone, once per local
 * day per workspace, whichever replica ticks first (the digests table's primary key decides).
 * A run that was down at that hour posts it when it comes back, the same day. Only with a jobs
 * channel to post to. The very first tick of a workspace posts none: it records today as the
 * point the digests count from (a team that just installed jobdesk has nothing to be told), and
 * the first digest comes the next day. Returns the day queued, or undefined.
 */
export function queueDailyDigest(
  deps: ServiceDeps,
  workspaceId: string,
  schedule: DigestSchedule,
): Promise<string | undefined> {
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    if (!(await repos.workspaces.jobsChannel(workspaceId))) return undefined;
    const day = localDay(now, schedule.timeZone);
    const previous = await repos.digests.latest(workspaceId);
    if (!previous) {
      await repos.digests.claim(workspaceId, day, schedule.timeZone, now);
      return undefined;
    }
    if (localTime(now, schedule.timeZone).hour < schedule.hour) return undefined;
    if (!(await repos.digests.claim(workspaceId, day, schedule.timeZone, now))) return undefined;
    await repos.outbox.enqueue(workspaceId, [digest(day, schedule.timeZone, previous.at)]);
    return day;
  });
}

export interface Digest {
  byStatus: Partial<Record<JobStatus, number>>;
  /** Jobs whose 72 hours ran out unanswered since the previous digest, latest first. */
  expiredSince: Job[];
  expiredTotal: number;
  waiting: { job: Job; since: Date }[];
  waitingTotal: number;
  expiringToday: Job[];
  expiringTotal: number;
}

const DIGEST_LIST = 10;

/**
 * What the digest shows, as things stand now (it is rendered when delivered); `since` is when
 * the previous digest went out, so it can say what expired in between.
 */
export function getDigest(
  deps: ServiceDeps,
  workspaceId: string,
  timeZone: string,
  since?: Date,
): Promise<Digest> {
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const endOfDay = endOfLocalDay(now, timeZone);
    const filter = { expiringBefore: endOfDay };
    const expired = { expiredAfter: since ?? now };
    const [byStatus, waitingIds, expiringToday, expiringTotal, expiredSince, expiredTotal] =
      await Promise.all([
        repos.jobs.countByStatus(workspaceId),
        repos.deadlines.waitingOnTeam(workspaceId, DIGEST_LIST),
        repos.jobs.list(workspaceId, { ...filter, limit: DIGEST_LIST }),
        repos.jobs.count(workspaceId, filter),
        repos.jobs.list(workspaceId, { ...expired, limit: DIGEST_LIST }),
        repos.jobs.count(workspaceId, expired),
      ]);
    const waiting: { job: Job; since: Date }[] = [];
    for (const { id, since } of waitingIds.jobs) {
      const job = await repos.jobs.findById(workspaceId, id);
      if (job) waiting.push({ job, since });
    }
    return {
      byStatus: byStatus as Partial<Record<JobStatus, number>>,
      expiredSince,
      expiredTotal,
      waiting,
      waitingTotal: waitingIds.total,
      expiringToday,
      expiringTotal,
    };
  });
}

/** A day with nothing to say: nobody waits on the team, nothing expires today or expired since. */
export function digestIsEmpty(d: Digest): boolean {
  return d.waitingTotal === 0 && d.expiringTotal === 0 && d.expiredTotal === 0;
}
