import { DomainError } from '../../../domain/index.ts';
import { explain } from '../../errors.ts';
import { actorOf } from '../../payload.ts';
import { deadDeliveriesMessage } from '../../views/dead-deliveries.ts';
import { defineSubcommand } from '../command.ts';
import { readNothing } from '../read.ts';

/** `/jobs outbox` (admins): the deliveries that failed for good, to retry them. */
export const outboxCommand = defineSubcommand<{ kind: 'outbox' }>({
  kind: 'outbox',
  words: ['outbox'],
  help: [['outbox', 'Deliveries to Slack that kept failing, with a Retry button (admins)']],
  parse: ({ word, args }) => readNothing(word, args) ?? { kind: 'outbox' },
  async run(ctx) {
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
  },
});
