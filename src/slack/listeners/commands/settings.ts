import { helpMessage, statsMessage } from '../../views/job-list.ts';
import { newJobModal, preferencesModal } from '../../views/modals.ts';
import { preferencesSummary } from '../../views/preferences-summary.ts';
import type { CommandContext } from './types.ts';

/** `/jobs new`: log a lead that came by email or phone. */
export async function newJob(ctx: CommandContext): Promise<void> {
  await ctx.args.client.views.open({
    trigger_id: ctx.args.command.trigger_id,
    view: newJobModal(),
  });
}

/** `/jobs prefs`: admins get the form; everyone else sees the preferences and who can change them. */
export async function prefs(ctx: CommandContext): Promise<void> {
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
}

/** `/jobs stats`. */
export async function stats(ctx: CommandContext): Promise<void> {
  await ctx.reply(statsMessage(await ctx.deps.services.teamStats(ctx.deps.workspaceId)));
}

/** `/jobs help`, and what a mistyped command gets (with the closest command). */
export async function help(ctx: CommandContext, intro?: string): Promise<void> {
  await ctx.reply(helpMessage(intro ? { intro } : {}));
}
