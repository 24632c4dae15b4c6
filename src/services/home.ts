import {
  DEFAULT_PREFERENCES,
  type Job,
  type JobStatus,
  OPEN_STATUSES,
  type TeamPreferences,
} from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { DUE_SOON_MS, HOME_OPENED } from './home-refresh.ts';
import type { JobFilter, Repositories } from './ports.ts';
import { requireAdmin } from './preferences.ts';

/** App Home's lists, in the order they are shown. */
export const HOME_SECTIONS = ['needsAction', 'mine', 'unassigned', 'dueSoon'] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

/** Jobs per list and page: four full lists stay far below Home's 100 blocks. */
export const HOME_PAGE_SIZE = 10;

/** An open is recorded at most this often per person, so the audit log stays small. */
const OPEN_RECORDED_EVERY_MS = 60 * 60 * 1000;

/** The team owes the merchant an answer: the person's jobs in these statuses need action. */
const NEEDS_ACTION: JobStatus[] = ['awaiting_response', 'new', 'opened'];
/** Open, but the next move is the merchant's (or parked). */
const WAITING: JobStatus[] = ['responded', 'inactive'];

/** Which page of each list to show, as offsets; lists not named start at the top. */
export type HomePages = Partial<Record<HomeSection, number>>;

export interface HomeList {
  jobs: Job[];
  /** How many jobs the list holds in all. */
  total: number;
  /** Where `jobs` starts in the list. */
  offset: number;
}

export interface Home {
  userId: string;
  isAdmin: boolean;
  preferences: TeamPreferences;
  pageSize: number;
  /** The end of the "due soon" window the lists were read with. */
  dueBefore: Date;
  lists: Record<HomeSection, HomeList>;
}

type ListFilter = Omit<JobFilter, 'limit' | 'offset'>;

function filters(userId: string, now: Date, dueBefore: Date): Record<HomeSection, ListFilter> {
  return {
    needsAction: { statuses: NEEDS_ACTION, assignee: userId, order: 'needs_action' },
    mine: { statuses: WAITING, assignee: userId },
    unassigned: { statuses: [...OPEN_STATUSES], unassigned: true },
    dueSoon: { expiringAfter: now, expiringBefore: dueBefore },
  };
}

/** A page starts at a multiple of the page size; anything else a payload says is ignored. */
function pageStart(offset: number | undefined, size: number): number {
  if (offset === undefined || !Number.isFinite(offset) || offset <= 0) return 0;
  return Math.floor(offset / size) * size;
}

async function readList(
  repos: Repositories,
  workspaceId: string,
  filter: ListFilter,
  wanted: number,
  size: number,
): Promise<HomeList> {
  const [jobs, total] = await Promise.all([
    repos.jobs.list(workspaceId, { ...filter, limit: size, offset: wanted }),
    repos.jobs.count(workspaceId, filter),
  ]);
  if (jobs.length > 0 || wanted === 0 || total === 0) return { jobs, total, offset: wanted };
  // The list shrank under a page someone had open: show its last page instead of nothing.
  const last = Math.floor((total - 1) / size) * size;
  return {
    jobs: await repos.jobs.list(workspaceId, { ...filter, limit: size, offset: last }),
    total,
    offset: last,
  };
}

/** Everything one person's Home shows, read in one transaction with a fixed number of queries. */
async function readHome(
  repos: Repositories,
  workspaceId: string,
  userId: string,
  now: Date,
  pages: HomePages,
): Promise<Home> {
  const size = HOME_PAGE_SIZE;
  const dueBefore = new Date(now.getTime() + DUE_SOON_MS);
  const wanted = filters(userId, now, dueBefore);
  const [member, saved, ...lists] = await Promise.all([
    repos.members.findById(workspaceId, userId),
    repos.preferences.find(workspaceId),
    ...HOME_SECTIONS.map((section) =>
      readList(repos, workspaceId, wanted[section], pageStart(pages[section], size), size),
    ),
  ]);
  const bySection = Object.fromEntries(
    HOME_SECTIONS.map((section, i) => [section, lists[i] as HomeList]),
  ) as Record<HomeSection, HomeList>;
  return {
    userId,
    isAdmin: member?.role === 'admin',
    preferences: saved ?? { ...DEFAULT_PREFERENCES, updatedBy: null, updatedAt: null },
    pageSize: size,
    dueBefore,
    lists: bySection,
  };
}

/** One person's Home as it is now (the outbox refresh and the paging buttons). */
export function getHome(
  deps: ServiceDeps,
  workspaceId: string,
  userId: string,
  pages: HomePages = {},
): Promise<Home> {
  return deps.store.transaction((repos) => readHome(repos, workspaceId, userId, deps.now(), pages));
}

/**
 * A person opened their Home: remembers that they look at it (so team-wide changes refresh it
 * from now on) and reads it.
 */
export function openHome(deps: ServiceDeps, actor: Actor): Promise<Home> {
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    const recent = await repos.events.recentActors(
      actor.workspaceId,
      HOME_OPENED,
      new Date(now.getTime() - OPEN_RECORDED_EVERY_MS),
    );
    if (!recent.includes(actor.userId)) {
      await repos.events.append(actor.workspaceId, {
        jobId: null,
        conversationId: null,
        actor: actor.userId,
        action: HOME_OPENED,
        at: now,
      });
    }
    return readHome(repos, actor.workspaceId, actor.userId, now, {});
  });
}

/** The preferences, for an admin about to edit them; anyone else is refused with who to ask. */
export function preferencesToEdit(deps: ServiceDeps, actor: Actor): Promise<TeamPreferences> {
  return deps.store.transaction(async (repos) => {
    await requireAdmin(repos, actor, 'change the team preferences');
    return (
      (await repos.preferences.find(actor.workspaceId)) ?? {
        ...DEFAULT_PREFERENCES,
        updatedBy: null,
        updatedAt: null,
      }
    );
  });
}
