import type { SlackDeps } from '../../deps.ts';
import { showJobDetails } from '../../job-details.ts';
import { positiveId } from '../../payload.ts';
import { refuseDamaged } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Older/Newer in the job details modal: the same modal, another page of the conversation. */
export function historyPage(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, action, client } = args;
    await ack();
    const [numberText, offsetText] = (elementValue(action) ?? '').split(':');
    const number = positiveId(numberText);
    const offset = offsetText === '0' ? 0 : positiveId(offsetText);
    if (!number || offset === undefined) return refuseDamaged(args, deps);
    if (!body.view) return;
    await showJobDetails(deps, client, number, { viewId: body.view.id }, offset);
  };
}
