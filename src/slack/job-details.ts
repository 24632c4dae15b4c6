import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from './deps.ts';
import { jobDetailsModal } from './views/modals.ts';

export const HISTORY_PAGE = 20;

/**
 * Opens (or, inside the modal, pages) the job details view. Without an offset it shows the newest
 * page, which is what a person opening a job wants to read first.
 */
export async function showJobDetails(
  deps: SlackDeps,
  client: WebClient,
  number: number,
  target: { triggerId: string } | { viewId: string },
  offset?: number,
): Promise<void> {
  const page = { limit: HISTORY_PAGE, offset: offset ?? 0 };
  let details = await deps.services.getJobDetails(deps.workspaceId, number, page);
  if (offset === undefined && details.totalMessages > HISTORY_PAGE) {
    page.offset = details.totalMessages - HISTORY_PAGE;
    details = await deps.services.getJobDetails(deps.workspaceId, number, page);
  }
  const view = jobDetailsModal({ details, page, now: deps.now() });
  if ('triggerId' in target) {
    await client.views.open({ trigger_id: target.triggerId, view });
  } else {
    await client.views.update({ view_id: target.viewId, view });
  }
}
