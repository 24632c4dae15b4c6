import { actorOf } from '../../payload.ts';
import { defineSubcommand } from '../command.ts';
import { readNothing } from '../read.ts';

/** `/jobs channel`: job cards go to the channel where an admin typed it. */
export const channelCommand = defineSubcommand<{ kind: 'channel' }>({
  kind: 'channel',
  words: ['channel'],
  help: [['channel', 'Post job cards in this channel (admins)']],
  parse: ({ word, args }) => readNothing(word, args) ?? { kind: 'channel' },
  async run(ctx) {
    const channelId = ctx.args.command.channel_id;
    if (!/^[CG]/.test(channelId)) {
      await ctx.reply({
        text: 'Type `/jobs channel` in the channel that should get the job cards.',
      });
      return;
    }
    await ctx.deps.services.setJobsChannel(actorOf(ctx.deps, ctx.userId), channelId);
    await ctx.reply({
      text: `:inbox_tray: New job cards will be posted in <#${channelId}>. Invite me here with \`/invite @jobdesk\` if I'm not in yet.`,
    });
  },
});
