import type { SlackDeps } from '../../deps.ts';
import { numberFromValue } from '../../payload.ts';
import { replyModal } from '../../views/modals.ts';
import { refuseDamaged, tellFailure } from './answer.ts';
import { jobReadyFor } from './guard.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Reply: a modal to write to the merchant. */
export function reply(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, action, client } = args;
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return refuseDamaged(args, deps);
    try {
      const { job, merchant } = await jobReadyFor(deps, number, 'team_message');
      await client.views.open({ trigger_id: body.trigger_id, view: replyModal({ job, merchant }) });
    } catch (error) {
      await tellFailure(args, deps, error);
    }
  };
}
