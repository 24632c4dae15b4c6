import { type JobsCommand, parseJobsCommand } from '../../commands/parse-jobs-command.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain, isExpiredTrigger } from '../../errors.ts';
import { expiredTriggerCommandMessage } from '../../views/expired-trigger.ts';
import { usageMessage } from '../../views/job-list.ts';
import { assign, changeStatus, decline, reply } from './actions.ts';
import { list, needsAction, show } from './lists.ts';
import { outbox } from './outbox.ts';
import { help, newJob, prefs, stats } from './settings.ts';
import { admins, channel, settings } from './team.ts';
import type { CommandArgs, CommandContext } from './types.ts';

/** `/jobs …`: acks at once, then answers only the person who typed it. */
export function jobsCommand(deps: SlackDeps) {
  return async (args: CommandArgs) => {
    await args.ack();
    const ctx: CommandContext = {
      deps,
      args,
      userId: args.command.user_id,
      reply: async (message) => {
        await args.respond({ response_type: 'ephemeral', ...message } as never);
      },
    };
    const text = args.command.text ?? '';
    try {
      await run(ctx, parseJobsCommand(text));
    } catch (error) {
      const answer = explain(error, deps.logger);
      // Its modal could not open in time: one click runs the same command again.
      await ctx.reply(
        isExpiredTrigger(error) ? expiredTriggerCommandMessage(answer, text) : { text: answer },
      );
    }
  };
}

function run(ctx: CommandContext, command: JobsCommand): Promise<void> {
  switch (command.kind) {
    case 'needs_action':
      return needsAction(ctx);
    case 'list':
      return list(ctx, command);
    case 'show':
      return show(ctx, command.job);
    case 'assign':
    case 'unassign':
      return assign(ctx, command);
    case 'decline':
      return decline(ctx, command);
    case 'inactive':
    case 'complete':
    case 'reopen':
      return changeStatus(ctx, command.kind, command.job);
    case 'reply':
      return reply(ctx, command);
    case 'new':
      return newJob(ctx);
    case 'prefs':
      return prefs(ctx);
    case 'stats':
      return stats(ctx);
    case 'help':
      return help(ctx);
    case 'settings':
      return settings(ctx);
    case 'channel':
      return channel(ctx);
    case 'admins':
      return admins(ctx, command);
    case 'outbox':
      return outbox(ctx);
    case 'usage':
      return ctx.reply(usageMessage(command));
  }
}
