import { settingsModal } from '../../views/settings-modal.ts';
import { defineSubcommand } from '../command.ts';
import { readNothing } from '../read.ts';

/** `/jobs settings`: which DMs I get. */
export const settingsCommand = defineSubcommand<{ kind: 'settings' }>({
  kind: 'settings',
  words: ['settings', 'notifications'],
  help: [['settings', 'Which DMs jobdesk sends you']],
  urgent: true,
  parse: ({ word, args }) => readNothing(word, args) ?? { kind: 'settings' },
  async run(ctx) {
    const member = await ctx.deps.services.getMember(ctx.deps.workspaceId, ctx.userId);
    await ctx.args.client.views.open({
      trigger_id: ctx.args.command.trigger_id,
      view: settingsModal({ settings: member.notifications }),
    });
  },
});
