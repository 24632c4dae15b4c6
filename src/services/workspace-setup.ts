import type { ServiceDeps } from './context.ts';

/**
 * Prepares the install's workspace at start: it exists, and the admins named in the environment
 * are admins (admins added later from Slack stay).
 */
/**
 * Which database this is, for the workspace: its id and when its row was made there. A sandbox
 * keeps it beside its saved state, so a start on another database does not show old cards.
 */
export function workspaceFingerprint(deps: ServiceDeps, workspaceId: string): Promise<string> {
  return deps.store.transaction(async (repos) => {
    const at = await repos.workspaces.createdAt(workspaceId);
    return `${workspaceId}@${at?.toISOString() ?? 'unknown'}`;
  });
}

export function setUpWorkspace(
  deps: ServiceDeps,
  workspaceId: string,
  options: { admins: string[]; jobsChannel?: string | undefined },
): Promise<void> {
  return deps.store.transaction(async (repos) => {
    await repos.workspaces.ensure(workspaceId);
    for (const userId of options.admins) await repos.members.setRole(workspaceId, userId, 'admin');
    if (options.jobsChannel && !(await repos.workspaces.jobsChannel(workspaceId))) {
      await repos.workspaces.setJobsChannel(workspaceId, options.jobsChannel);
    }
  });
}
