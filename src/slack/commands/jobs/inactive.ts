import { formatJobRef, STATUS_LABELS } from '../../../domain/index.ts';
import { actorOf } from '../../payload.ts';
import { defineSubcommand } from '../command.ts';
import { readJobOnly } from '../read.ts';

export interface InactiveCommand {
  kind: 'inactive';
  job: number;
}

/** `/jobs inactive J-12`. */
export const inactiveCommand = defineSubcommand<InactiveCommand>({
  kind: 'inactive',
  words: ['inactive'],
  help: [['inactive J-12', 'Mark a job inactive; you can still write to the merchant']],
  parse({ word, args }) {
    const found = readJobOnly({ word, listHint: 'inactive' }, args);
    return 'kind' in found ? found : { kind: 'inactive', job: found.job };
  },
  async run(ctx, command) {
    const job = await ctx.deps.services.markInactive(actorOf(ctx.deps, ctx.userId), command.job);
    await ctx.reply({
      text: `${formatJobRef(job.number)} is now ${STATUS_LABELS[job.status].toLowerCase()}.`,
    });
  },
});
