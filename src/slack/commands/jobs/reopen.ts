import { formatJobRef, STATUS_LABELS } from '../../../domain/index.ts';
import { actorOf } from '../../payload.ts';
import { defineSubcommand } from '../command.ts';
import { readJobOnly } from '../read.ts';

export interface ReopenCommand {
  kind: 'reopen';
  job: number;
}

/** `/jobs reopen J-12`: an inactive job is active again. */
export const reopenCommand = defineSubcommand<ReopenCommand>({
  kind: 'reopen',
  words: ['reopen', 'reactivate'],
  help: [['reopen J-12', 'Reactivate an inactive job']],
  parse({ word, args }) {
    const found = readJobOnly({ word }, args);
    return 'kind' in found ? found : { kind: 'reopen', job: found.job };
  },
  async run(ctx, command) {
    const job = await ctx.deps.services.reactivate(actorOf(ctx.deps, ctx.userId), command.job);
    await ctx.reply({
      text: `${formatJobRef(job.number)} is now ${STATUS_LABELS[job.status].toLowerCase()}.`,
    });
  },
});
