import { formatJobRef } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { refuseDamaged } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Assign to me: one click, and the card shows the new assignee. */
export function assignSelf(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, action, respond } = args;
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return refuseDamaged(args, deps);
    try {
      await deps.services.changeAssignees(
        actorOf(deps, body.user.id),
        number,
        [body.user.id],
        'add',
      );
      await tell(respond, `:raised_hand: You are assigned to ${formatJobRef(number)}.`);
    } catch (error) {
      await tell(respond, explain(error, deps.logger));
    }
  };
}
