import { formatJobRef, STATUS_LABELS } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { MORE_ACTIONS } from '../../ids.ts';
import { showJobDetails } from '../../job-details.ts';
import { actorOf, numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { completeModal, declineModal } from '../../views/modals.ts';
import { refuseDamaged, tellFailure } from './answer.ts';
import { jobReadyFor } from './guard.ts';
import { type ActionArgs, elementValue } from './types.ts';

/**
 * "More actions": Decline and Mark complete ask for details in a modal; Mark inactive and
 * Reactivate act at once; View conversation opens the details.
 */
export function moreActions(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, action, client, respond } = args;
    await ack();
    const value = elementValue(action) ?? '';
    const number = numberFromValue(value);
    if (!number) return refuseDamaged(args, deps);
    const choice = value.split(':')[0];
    const actor = actorOf(deps, body.user.id);
    const ref = formatJobRef(number);
    try {
      switch (choice) {
        case MORE_ACTIONS.decline: {
          const { job } = await jobReadyFor(deps, number, 'decline');
          await client.views.open({ trigger_id: body.trigger_id, view: declineModal({ job }) });
          return;
        }
        case MORE_ACTIONS.markComplete: {
          const { job } = await jobReadyFor(deps, number, 'mark_complete');
          await client.views.open({ trigger_id: body.trigger_id, view: completeModal({ job }) });
          return;
        }
        case MORE_ACTIONS.markInactive: {
          await deps.services.markInactive(actor, number);
          await tell(
            respond,
            `:zzz: ${ref} is marked inactive. You can still write to the merchant.`,
          );
          return;
        }
        case MORE_ACTIONS.reactivate: {
          const job = await deps.services.reactivate(actor, number);
          await tell(
            respond,
            `:arrows_counterclockwise: ${ref} is active again: ${STATUS_LABELS[job.status]}.`,
          );
          return;
        }
        case MORE_ACTIONS.viewConversation:
          await showJobDetails(deps, client, number, { triggerId: body.trigger_id });
          return;
        default:
          deps.logger.warn({ value }, 'unknown "More actions" choice');
      }
    } catch (error) {
      await tellFailure(args, deps, error);
    }
  };
}
