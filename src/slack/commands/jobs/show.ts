import { showJobDetails } from '../../job-details.ts';
import { defineSubcommand } from '../command.ts';
import { readJobOnly } from '../read.ts';

export interface ShowCommand {
  kind: 'show';
  job: number;
}

/** `/jobs show J-12` (or `/jobs J-12`): the details modal, as the card's Open shows it. */
export const showCommand = defineSubcommand<ShowCommand>({
  kind: 'show',
  words: ['show'],
  help: [['show J-12', 'A job with its conversation']],
  parse({ word, args }) {
    const found = readJobOnly({ word }, args);
    return 'kind' in found ? found : { kind: 'show', job: found.job };
  },
  async run(ctx, { job }) {
    // Shows the job without opening it (an Open on the card does that).
    await showJobDetails(ctx.deps, ctx.args.client, job, {
      triggerId: ctx.args.command.trigger_id,
    });
  },
});
