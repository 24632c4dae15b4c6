import { preferencesModal } from '../../views/modals.ts';
import { preferencesSummary } from '../../views/preferences-summary.ts';
import { defineSubcommand } from '../command.ts';
import { readNothing } from '../read.ts';

/** `/jobs prefs`: admins get the form; everyone else sees the preferences and who can change them. */
export const prefsCommand = defineSubcommand<{ kind: 'prefs' }>({
  kind: 'prefs',
  words: ['prefs', 'preferences'],
  help: [['prefs', 'Team preferences (admins)']],
  urgent: true,
  parse: ({ word, args }) => readNothing(word, args) ?? { kind: 'prefs' },
  async run(ctx) {
    const { services, workspaceId } = ctx.deps;
    const [preferences, admin] = await Promise.all([
      services.getPreferences(workspaceId),
      services.isAdmin(workspaceId, ctx.userId),
    ]);
    if (admin) {
      await ctx.args.client.views.open({
        trigger_id: ctx.args.command.trigger_id,
        view: preferencesModal({ preferences }),
      });
      return;
    }
    await ctx.reply(preferencesSummary({ preferences, canEdit: false }));
  },
});
