import { helpMessage } from '../../views/help.ts';
import { defineSubcommand } from '../command.ts';

/** `/jobs help`: every command, as the registry lists them (anything after `help` is ignored). */
export const helpCommand = defineSubcommand<{ kind: 'help' }>({
  kind: 'help',
  words: ['help', '?'],
  help: [['help', 'This list']],
  parse: () => ({ kind: 'help' }),
  async run(ctx) {
    await ctx.reply(helpMessage({ commands: ctx.helpLines }));
  },
});
