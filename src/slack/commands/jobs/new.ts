import { newJobModal } from '../../views/modals.ts';
import { defineSubcommand } from '../command.ts';
import { usage } from '../read.ts';

/** `/jobs new`: log a lead that came by email or phone. */
export const newCommand = defineSubcommand<{ kind: 'new' }>({
  kind: 'new',
  words: ['new'],
  help: [['new', 'Log a job that came by email or phone (opens a form)']],
  urgent: true,
  parse: ({ args }) =>
    args.length > 0
      ? usage(
          '`new` takes nothing after it — it opens the form to log a job by hand. ' +
            'To list new jobs: /jobs list new',
        )
      : { kind: 'new' },
  async run(ctx) {
    await ctx.args.client.views.open({
      trigger_id: ctx.args.command.trigger_id,
      view: newJobModal(),
    });
  },
});
