import type { AdminsCommand } from '../../commands/parse-jobs-command.ts';
import { mention } from '../../mrkdwn.ts';
import { actorOf } from '../../payload.ts';
import { settingsModal } from '../../views/settings-modal.ts';
import type { CommandContext } from './types.ts';

/** `/jobs settings`: which DMs I get. */
export async function settings(ctx: CommandContext): Promise<void> {
  const member = await ctx.deps.services.getMember(ctx.deps.workspaceId, ctx.userId);
  await ctx.args.client.views.open({
    trigger_id: ctx.args.command.trigger_id,
    view: settingsModal({ settings: member.notifications }),
  });
}

/** `/jobs channel`: job cards go to the channel where an admin typed it. */
export async function channel(ctx: CommandContext): Promise<void> {
  const channelId = ctx.args.command.channel_id;
  if (!/^[CG]/.test(channelId)) {
    await ctx.reply({ text: 'Type `/jobs channel` in the channel that should get the job cards.' });
    return;
  }
  await ctx.deps.services.setJobsChannel(actorOf(ctx.deps, ctx.userId), channelId);
  await ctx.reply({
    text: `:inbox_tray: New job cards will be posted in <#${channelId}>. Invite me here with \`/invite @jobdesk\` if I'm not in yet.`,
  });
}

/** `/jobs admins [add|remove @a]`. */
export async function admins(ctx: CommandContext, command: AdminsCommand): Promise<void> {
  const { services, workspaceId } = ctx.deps;
  if (command.action === 'list') {
    const list = await services.listAdmins(workspaceId);
    await ctx.reply({
      text: list.length
        ? `jobdesk admins: ${list.map(mention).join(', ')}`
        : 'jobdesk has no admins yet: list one in JOBDESK_ADMINS.',
    });
    return;
  }
  const users = [...command.users, ...(command.includeMe ? [ctx.userId] : [])];
  const now = await services.changeAdmins(actorOf(ctx.deps, ctx.userId), users, command.action);
  await ctx.reply({ text: `:key: jobdesk admins now: ${now.map(mention).join(', ')}` });
}
