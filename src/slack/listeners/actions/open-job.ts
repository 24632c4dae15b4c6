import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { showJobDetails } from '../../job-details.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Open: the job's details and conversation in a modal; a `new` job becomes `opened`. */
export function openJob(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: ActionArgs) => {
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return;
    try {
      await deps.services.openJob(actorOf(deps, body.user.id), number);
      await showJobDetails(deps, client, number, { triggerId: body.trigger_id });
    } catch (error) {
      await tell(respond, explain(error, deps.logger));
    }
  };
}
