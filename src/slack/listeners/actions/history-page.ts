import type { SlackDeps } from '../../deps.ts';
import { showJobDetails } from '../../job-details.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Older/Newer in the job details modal: the same modal, another page of the conversation. */
export function historyPage(deps: SlackDeps) {
  return async ({ ack, body, action, client }: ActionArgs) => {
    await ack();
    const [number, offset] = (elementValue(action) ?? '').split(':').map(Number);
    if (!number || offset === undefined || Number.isNaN(offset) || !body.view) return;
    await showJobDetails(deps, client, number, { viewId: body.view.id }, offset);
  };
}
