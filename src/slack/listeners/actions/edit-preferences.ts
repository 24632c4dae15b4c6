import { DomainError } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { refreshHome } from '../../home.ts';
import { ACTIONS } from '../../ids.ts';
import { actorOf } from '../../payload.ts';
import { preferencesModal } from '../../views/modals.ts';
import { answerFailure, homePagesOf } from './answer.ts';
import type { ActionArgs } from './types.ts';

/**
 * Edit preferences (App Home, preferences summaries): admins get the form; anyone else is told
 * who can change them, the refusal is audited, and a Home that offered them the button (they
 * were an admin when it was published) is brought up to date.
 */
export function editPreferences(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, client } = args;
    await ack();
    const actor = actorOf(deps, body.user.id);
    try {
      const preferences = await deps.services.preferencesToEdit(actor);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: preferencesModal({ preferences }),
      });
    } catch (error) {
      await answerFailure(args, deps, 'Team preferences', error);
      if (!(error instanceof DomainError && error.code === 'forbidden')) return;
      await deps.services
        .recordRefusal(actor, { reason: 'not_admin', attempted: ACTIONS.editPreferences })
        .catch((e: unknown) => deps.logger.error({ err: e }, 'could not audit a refusal'));
      const pages = homePagesOf(args);
      if (pages) {
        await refreshHome(deps, client, actor.userId, pages).catch((e: unknown) =>
          deps.logger.error({ err: e }, 'could not refresh App Home'),
        );
      }
    }
  };
}
