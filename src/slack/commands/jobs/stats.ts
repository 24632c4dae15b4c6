import { statsMessage } from '../../views/team-stats.ts';
import { defineSubcommand } from '../command.ts';
import { readNothing } from '../read.ts';

/** `/jobs stats`. */
export const statsCommand = defineSubcommand<{ kind: 'stats' }>({
  kind: 'stats',
  words: ['stats'],
  help: [['stats', 'Jobs by status, what the team declines, how fast it answers']],
  parse: ({ word, args }) => readNothing(word, args) ?? { kind: 'stats' },
  async run(ctx) {
    await ctx.reply(statsMessage(await ctx.deps.services.teamStats(ctx.deps.workspaceId)));
  },
});
