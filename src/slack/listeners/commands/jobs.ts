import type { CommandArgs, CommandContext } from '../../commands/command.ts';
import { parseJobsCommand } from '../../commands/parse-jobs-command.ts';
import { dispatch, HELP_LINES } from '../../commands/registry.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain, isExpiredTrigger } from '../../errors.ts';
import { expiredTriggerCommandMessage } from '../../views/expired-trigger.ts';
import { usageMessage } from '../../views/help.ts';

/** `/jobs …`: acks at once, then answers only the person who typed it. */
export function jobsCommand(deps: SlackDeps) {
  return async (args: CommandArgs) => {
    await args.ack();
    const ctx: CommandContext = {
      deps,
      args,
      userId: args.command.user_id,
      helpLines: HELP_LINES,
      reply: async (message) => {
        await args.respond({ response_type: 'ephemeral', ...message } as never);
      },
    };
    const text = args.command.text ?? '';
    try {
      const command = parseJobsCommand(text);
      if (command.kind === 'usage') await ctx.reply(usageMessage(command));
      else await dispatch(ctx, command);
    } catch (error) {
      const answer = explain(error, deps.logger);
      // Its modal could not open in time: one click runs the same command again.
      await ctx.reply(
        isExpiredTrigger(error) ? expiredTriggerCommandMessage(answer, text) : { text: answer },
      );
    }
  };
}
