import { decide, type JobAction } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';

/**
 * Loads the job and checks that `action` is still allowed before a modal opens for it, so
 * nobody writes a reply to a job that expired or was declined while the card sat there.
 */
export async function jobReadyFor(deps: SlackDeps, number: number, action: JobAction) {
  const details = await deps.services.getJobDetails(deps.workspaceId, number, {
    limit: 0,
    offset: 0,
  });
  decide(details.job, action, deps.now());
  return details;
}
