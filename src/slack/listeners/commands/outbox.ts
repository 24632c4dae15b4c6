import { DomainError } from '../../../domain/index.ts';
import { explain } from '../../errors.ts';
import { actorOf } from '../../payload.ts';
import { deadDeliveriesMessage } from '../../views/dead-deliveries.ts';
import type { CommandContext } from './types.ts';

/** `/jobs outbox` (admins): the deliveries that failed for good, to retry them. */
export async function outbox(ctx: CommandContext): Promise<void> {
  const actor = actorOf(ctx.deps, ctx.userId);
  try {
    await ctx.reply(deadDeliveriesMessage(await ctx.deps.services.listDeadDeliveries(actor)));
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'forbidden')) throw error;
    await ctx.reply({ text: explain(error, ctx.deps.logger) });
    await ctx.deps.services
      .recordRefusal(actor, { reason: 'not_admin', attempted: 'outbox' })
      .catch((e: unknown) => ctx.deps.logger.error({ err: e }, 'could not audit a refusal'));
  }
}
