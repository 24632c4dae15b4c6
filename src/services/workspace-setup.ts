import type { ServiceDeps } from './context.ts';

/**
 * Prepares the install's workspace at start: it exists, and the admins named in the environment
 * are admins (admins added later from Slack stay).
 */
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
