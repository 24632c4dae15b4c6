import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { showJobDetails } from '../../job-details.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { answer } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

/**
 * Open on App Home: what the card's Open does (a `new` job becomes `opened`, the details modal
 * shows), with refusals in a modal since a Home has nowhere else to answer. The Home itself is
 * refreshed through the outbox like every job change.
 */
export function homeOpenJob(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, action, client } = args;
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return;
    try {
      await deps.services.openJob(actorOf(deps, body.user.id), number);
      await showJobDetails(deps, client, number, { triggerId: body.trigger_id });
    } catch (error) {
      await answer(args, 'Open job', explain(error, deps.logger)).catch((e: unknown) =>
        deps.logger.error({ err: e }, 'could not answer an App Home click'),
      );
    }
  };
}
