import type { SlackDeps } from '../../deps.ts';
import { showJobDetails } from '../../job-details.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { answerFailure, refuseDamaged } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

/**
 * Open, on a card, a DM or App Home: the job's details and conversation in a modal; a `new` job
 * becomes `opened`. A refusal goes where the click came from (ephemeral, or a modal on Home).
 */
export function openJob(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, action, client } = args;
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return refuseDamaged(args, deps);
    try {
      await deps.services.openJob(actorOf(deps, body.user.id), number);
      await showJobDetails(deps, client, number, { triggerId: body.trigger_id });
    } catch (error) {
      await answerFailure(args, deps, 'Open job', error).catch((e: unknown) =>
        deps.logger.error({ err: e }, 'could not answer a click'),
      );
    }
  };
}
