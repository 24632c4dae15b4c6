import { DomainError } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell, tellBlocks } from '../../respond.ts';
import { selfAssignedMessage, selfUnassignedMessage } from '../../views/self-assignment.ts';
import { refuseDamaged } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Assign to me: one click, and the card shows the new assignee; the answer offers Unassign me. */
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
      await tellBlocks(respond, selfAssignedMessage(number, false));
    } catch (error) {
      // A click on an older card, or a reminder, after taking the job: say so, offer the way back.
      if (error instanceof DomainError && error.code === 'nothing_to_change') {
        await tellBlocks(respond, selfAssignedMessage(number, true));
        return;
      }
      await tell(respond, explain(error, deps.logger));
    }
  };
}

/** Unassign me, from the answer to Assign to me. */
export function unassignSelf(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: ActionArgs) => {
    await ack();
    const number = numberFromValue(elementValue(action));
    if (!number) return;
    try {
      await deps.services.changeAssignees(
        actorOf(deps, body.user.id),
        number,
        [body.user.id],
        'remove',
      );
      await tellBlocks(respond, selfUnassignedMessage(number));
    } catch (error) {
      await tell(respond, explain(error, deps.logger));
    }
  };
}
