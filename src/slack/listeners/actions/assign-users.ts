import type { MultiUsersSelectAction } from '@slack/bolt';
import { DomainError } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import type { ActionArgs } from './types.ts';

/** The card's user picker sends the whole selection: it becomes the job's assignees. */
export function assignUsers(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: ActionArgs<MultiUsersSelectAction>) => {
    await ack();
    const number = numberFromValue(action.block_id.split(':').pop());
    if (!number) return;
    try {
      await deps.services.changeAssignees(
        actorOf(deps, body.user.id),
        number,
        action.selected_users,
        'replace',
      );
    } catch (error) {
      // Picking the people already assigned is not worth a message.
      if (error instanceof DomainError && error.code === 'nothing_to_change') return;
      await tell(respond, explain(error, deps.logger));
    }
  };
}
