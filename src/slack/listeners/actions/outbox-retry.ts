import { DomainError } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { ACTIONS } from '../../ids.ts';
import { actorOf } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { deadDeliveriesMessage } from '../../views/dead-deliveries.ts';
import type { ActionArgs } from './types.ts';
import { elementValue } from './types.ts';

/** Retry (one dead delivery, or `all`) under `/jobs outbox`: the list is redrawn in place. */
export function outboxRetry(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    const { ack, body, respond } = args;
    await ack();
    const actor = actorOf(deps, body.user.id);
    const value = body.actions[0] ? elementValue(body.actions[0]) : undefined;
    const id = Number(value);
    const ids = value === 'all' ? 'all' : Number.isInteger(id) && id > 0 ? [id] : [];
    try {
      const retried = await deps.services.retryDeadDeliveries(actor, ids);
      const note = retried
        ? `:arrows_counterclockwise: ${retried} deliver${retried === 1 ? 'y is' : 'ies are'} back in the outbox.`
        : 'Nothing to retry: it was retried already.';
      const dead = await deps.services.listDeadDeliveries(actor);
      await respond({ replace_original: true, ...deadDeliveriesMessage(dead, note) } as never);
    } catch (error) {
      await tell(respond, explain(error, deps.logger));
      if (error instanceof DomainError && error.code === 'forbidden') {
        await deps.services
          .recordRefusal(actor, { reason: 'not_admin', attempted: ACTIONS.outboxRetry })
          .catch((e: unknown) => deps.logger.error({ err: e }, 'could not audit a refusal'));
      }
    }
  };
}
