import {
  DomainError,
  type Ineligibility,
  type Member,
  type NotificationSettings,
} from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { jobCard } from './outbox-topics.ts';
import { auditedIfForbidden, requireAdmin } from './preferences.ts';

/** A member's own DM settings (everyone may change their own). */
export function getMember(deps: ServiceDeps, workspaceId: string, userId: string): Promise<Member> {
  return deps.store.transaction(async (repos) => {
    const [member] = await repos.members.findMany(workspaceId, [userId]);
    if (!member) throw new Error('findMany returns one member per id');
    return member;
  });
}

export function setNotifications(
  deps: ServiceDeps,
  actor: Actor,
  settings: NotificationSettings,
): Promise<Member> {
  return deps.store.transaction(async (repos) => {
    const member = await repos.members.setNotifications(actor.workspaceId, actor.userId, settings);
    await repos.events.append(actor.workspaceId, {
      jobId: null,
      conversationId: null,
      actor: actor.userId,
      action: 'notifications_changed',
      at: deps.now(),
      details: { ...settings },
    });
    return member;
  });
}

export function listAdmins(deps: ServiceDeps, workspaceId: string): Promise<string[]> {
  return deps.store.transaction((repos) => repos.members.listAdmins(workspaceId));
}

/**
 * Admins add or remove admins. The last admin cannot step down: someone must always be able to
 * change the preferences and the jobs channel.
 */
export function changeAdmins(
  deps: ServiceDeps,
  actor: Actor,
  userIds: string[],
  change: 'add' | 'remove',
): Promise<string[]> {
  return auditedIfForbidden(deps, actor, 'admins', () => saveAdmins(deps, actor, userIds, change));
}

function saveAdmins(
  deps: ServiceDeps,
  actor: Actor,
  userIds: string[],
  change: 'add' | 'remove',
): Promise<string[]> {
  return deps.store.transaction(async (repos) => {
    await requireAdmin(repos, actor, 'add or remove admins');
    const admins = await repos.members.listAdmins(actor.workspaceId);
    const next =
      change === 'add'
        ? [...new Set([...admins, ...userIds])]
        : admins.filter((a) => !userIds.includes(a));
    if (next.length === 0) {
      throw new DomainError(
        'invalid_input',
        'jobdesk needs at least one admin: add another one first',
      );
    }
    const unchanged =
      change === 'add' ? userIds.every((u) => admins.includes(u)) : next.length === admins.length;
    if (unchanged) {
      throw new DomainError(
        'nothing_to_change',
        change === 'add' ? 'They are admins already' : 'They are not admins',
      );
    }
    for (const userId of userIds) {
      await repos.members.setRole(actor.workspaceId, userId, change === 'add' ? 'admin' : 'member');
    }
    await repos.events.append(actor.workspaceId, {
      jobId: null,
      conversationId: null,
      actor: actor.userId,
      action: change === 'add' ? 'admins_added' : 'admins_removed',
      at: deps.now(),
      details: { users: userIds },
    });
    return next.sort();
  });
}

/** Admins choose the channel where job cards are posted. */
export function setJobsChannel(deps: ServiceDeps, actor: Actor, channelId: string): Promise<void> {
  return auditedIfForbidden(deps, actor, 'jobs_channel', () =>
    deps.store.transaction(async (repos) => {
      await requireAdmin(repos, actor, 'choose the jobs channel');
      await repos.workspaces.setJobsChannel(actor.workspaceId, channelId);
      await repos.events.append(actor.workspaceId, {
        jobId: null,
        conversationId: null,
        actor: actor.userId,
        action: 'jobs_channel_set',
        at: deps.now(),
        details: { channelId },
      });
    }),
  );
}

/** Every refusal is in the audit log: who tried what, and why they were turned away. */
export function recordRefusal(
  deps: ServiceDeps,
  actor: Actor,
  refusal: { reason: string; attempted: string },
): Promise<void> {
  return deps.store.transaction(async (repos) => {
    await repos.workspaces.ensure(actor.workspaceId);
    await repos.events.append(actor.workspaceId, {
      jobId: null,
      conversationId: null,
      actor: actor.userId,
      action: 'refused',
      at: deps.now(),
      details: refusal,
    });
  });
}

/** How many of a person's jobs get their card redrawn when their eligibility changes. */
const CARDS_TO_REFRESH = 200;

/**
 * Remembers what Slack last said about whether a person may act. When that changes, the cards
 * of the jobs they are assigned to are redrawn, so the team sees who no longer gets DMs.
 */
export function recordEligibility(
  deps: ServiceDeps,
  workspaceId: string,
  userId: string,
  cannotAct: Ineligibility | null,
): Promise<boolean> {
  return deps.store.transaction(async (repos) => {
    const changed = await repos.members.setCannotAct(workspaceId, userId, cannotAct);
    if (!changed) return false;
    const jobs = await repos.jobs.list(workspaceId, { assignee: userId, limit: CARDS_TO_REFRESH });
    await repos.outbox.enqueue(
      workspaceId,
      jobs.map((job) => jobCard(job.id)),
    );
    await repos.events.append(workspaceId, {
      jobId: null,
      conversationId: null,
      actor: 'system',
      action: cannotAct ? 'member_cannot_act' : 'member_can_act',
      at: deps.now(),
      details: { userId, ...(cannotAct && { reason: cannotAct }) },
    });
    return true;
  });
}

/** Assignees Slack last said may not act, with why (the cards say so next to their names). */
export function whoCannotAct(
  deps: ServiceDeps,
  workspaceId: string,
  userIds: string[],
): Promise<Record<string, Ineligibility>> {
  if (userIds.length === 0) return Promise.resolve({});
  return deps.store.transaction(async (repos) => {
    const members = await repos.members.findMany(workspaceId, userIds);
    return Object.fromEntries(
      members.flatMap((m) => (m.cannotAct ? [[m.userId, m.cannotAct] as const] : [])),
    );
  });
}
