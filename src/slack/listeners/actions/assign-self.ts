import { formatJobRef } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Assign to me: one click, and the card shows the new assignee. */
export function assignSelf(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: ActionArgs) => {
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return;
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
