import type { MultiUsersSelectAction } from '@slack/bolt';
import { DomainError } from '../../../domain/index.ts';
import { refusedAssignees, refusedLines } from '../../assignable.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { refuseDamaged } from './answer.ts';
import type { ActionArgs } from './types.ts';

/**
 * The card's user picker sends the whole selection: it becomes the job's assignees, except the
 * people who may not act (Slack's users picker cannot filter them out), who are named to the
 * actor with the reason.
 */
export function assignUsers(deps: SlackDeps) {
  return async (args: ActionArgs<MultiUsersSelectAction>) => {
    const { ack, body, action, respond, client } = args;
    await ack();
    const number = numberFromValue(action.block_id.split(':').pop());
    if (!number) return refuseDamaged(args as unknown as ActionArgs, deps);
    const selected = action.selected_users;
    const refused = await refusedAssignees(
      deps,
      client,
      selected.filter((u) => u !== body.user.id),
    );
    try {
      const job = await deps.services.changeAssignees(
        actorOf(deps, body.user.id),
        number,
        selected,
        'replace',
        refused,
      );
      // Someone refused who is still assigned was assigned before they stopped being eligible.
      const told = Object.fromEntries(
        Object.entries(refused).filter(([u]) => !job.assignees.includes(u)),
      );
      if (Object.keys(told).length) await tell(respond, refusedLines(told).join('\n'));
    } catch (error) {
      // Picking the people already assigned is not worth a message; a refusal still is.
      if (error instanceof DomainError && error.code === 'nothing_to_change') {
        if (Object.keys(refused).length) await tell(respond, refusedLines(refused).join('\n'));
        return;
      }
      await tell(respond, explain(error, deps.logger));
    }
  };
}
