import { formatJobRef, STATUS_LABELS } from '../../../domain/index.ts';
import { actorOf } from '../../payload.ts';
import { defineSubcommand } from '../command.ts';
import { readJobOnly } from '../read.ts';

export interface CompleteCommand {
  kind: 'complete';
  job: number;
}

/** `/jobs complete J-12`: done, and the merchant is asked for a review. */
export const completeCommand = defineSubcommand<CompleteCommand>({
  kind: 'complete',
  words: ['complete', 'completed', 'done'],
  help: [['complete J-12', 'Mark a job complete']],
  parse({ word, args }) {
    const found = readJobOnly({ word, listHint: 'completed' }, args);
    return 'kind' in found ? found : { kind: 'complete', job: found.job };
  },
  async run(ctx, command) {
    const job = await ctx.deps.services.markComplete(actorOf(ctx.deps, ctx.userId), command.job, {
      askForReview: true,
    });
    await ctx.reply({
      text: `${formatJobRef(job.number)} is now ${STATUS_LABELS[job.status].toLowerCase()}. The merchant will be asked for a review.`,
    });
  },
});
