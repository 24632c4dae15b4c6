import type { JobStatus } from '../domain/index.ts';
import type { ServiceDeps } from './context.ts';

/** Jobs per status, for /metrics. */
export function countJobsByStatus(
  deps: ServiceDeps,
  workspaceId: string,
): Promise<Partial<Record<JobStatus, number>>> {
  return deps.store.transaction((repos) => repos.jobs.countByStatus(workspaceId));
}
