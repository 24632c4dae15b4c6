import {
  DEFAULT_PREFERENCES,
  DomainError,
  type Preferences,
  type TeamPreferences,
  validatePreferences,
} from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { homeViewers } from './home-refresh.ts';
import { homeView, webhook } from './outbox-topics.ts';
import type { Repositories } from './ports.ts';

export async function getPreferences(
  deps: ServiceDeps,
  workspaceId: string,
): Promise<TeamPreferences> {
  return deps.store.transaction(
    async (repos) =>
      (await repos.preferences.find(workspaceId)) ?? {
        ...DEFAULT_PREFERENCES,
        updatedBy: null,
        updatedAt: null,
      },
  );
}

export async function requireAdmin(repos: Repositories, actor: Actor, what: string): Promise<void> {
  const member = await repos.members.findById(actor.workspaceId, actor.userId);
  if (member?.role !== 'admin') {
    const admins = await repos.members.listAdmins(actor.workspaceId);
    const ask = admins.length
      ? ` Ask ${admins.map((a) => `<@${a}>`).join(', ')}.`
      : ' No admin is set yet: list one in JOBDESK_ADMINS.';
    throw new DomainError('forbidden', `Only jobdesk admins can ${what}.${ask}`, { admins });
  }
}

/**
 * Admins set the team's marketplace preferences. Bad fields come back together, each under its
 * path (`notificationEmail`, `services.0.price`), so a modal can show them on the fields.
 */
export function updatePreferences(
  deps: ServiceDeps,
  actor: Actor,
  input: unknown,
): Promise<TeamPreferences> {
  return auditedIfForbidden(deps, actor, 'preferences', () => savePreferences(deps, actor, input));
}

function savePreferences(
  deps: ServiceDeps,
  actor: Actor,
  input: unknown,
): Promise<TeamPreferences> {
  return deps.store.transaction(async (repos) => {
    await requireAdmin(repos, actor, 'change the team preferences');
    const result = validatePreferences(input);
    if (!result.ok) {
      throw new DomainError('invalid_input', 'Some preferences need fixing', {
        fieldErrors: result.errors,
      });
    }
    const now = deps.now();
    await repos.preferences.save(actor.workspaceId, result.value, actor.userId, now);
    await repos.events.append(actor.workspaceId, {
      jobId: null,
      conversationId: null,
      actor: actor.userId,
      action: 'preferences_updated',
      at: now,
      details: { ...result.value },
    });
    // Every Home shows the preferences.
    // Sorted like every other Home refresh (see homeRefreshes), and at once: one admin's change.
    const viewers = await homeViewers(repos, actor.workspaceId, now);
    const items = [...viewers].sort().map((userId) => homeView(userId));
    if (deps.webhooks) {
      items.push(
        webhook(
          'preferences.updated',
          { preferences: wirePreferences(result.value), by: actor.userId },
          now,
        ),
      );
    }
    await repos.outbox.enqueue(actor.workspaceId, items);
    return { ...result.value, updatedBy: actor.userId, updatedAt: now };
  });
}

/**
 * Runs admin-only work; a refusal (someone who is not an admin) goes to the audit log like every
 * other refusal. Written in a transaction of its own: the refused one is rolled back.
 */
export async function auditedIfForbidden<T>(
  deps: ServiceDeps,
  actor: Actor,
  attempted: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'forbidden') {
      await deps.store.transaction((repos) =>
        repos.events.append(actor.workspaceId, {
          jobId: null,
          conversationId: null,
          actor: actor.userId,
          action: 'refused',
          at: deps.now(),
          details: { reason: 'not_admin', attempted },
        }),
      );
    }
    throw error;
  }
}

/** The outbound webhook speaks the intake API's snake_case. */
function wirePreferences(p: Preferences) {
  return {
    available_for_work: p.availableForWork,
    shown_in_search: p.shownInSearch,
    works_with_dropshippers: p.worksWithDropshippers,
    notification_email: p.notificationEmail,
    services: p.services,
  };
}
