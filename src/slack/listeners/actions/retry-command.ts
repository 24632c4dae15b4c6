import type { CommandArgs } from '../../commands/command.ts';
import type { SlackDeps } from '../../deps.ts';
import { jobsCommand } from '../commands/jobs.ts';
import { type ActionArgs, elementValue } from './types.ts';

/**
 * "Try again" under the answer to a `/jobs …` whose modal could not open (expired trigger): runs
 * the same command text again, as the same person in the same channel, with this click's fresh
 * trigger. Only the four command fields the subcommands read are carried over.
 */
export function retryCommand(deps: SlackDeps) {
  const run = jobsCommand(deps);
  return async (args: ActionArgs) => {
    const { body, action } = args;
    const command = {
      text: elementValue(action) ?? '',
      user_id: body.user.id,
      channel_id: body.channel?.id ?? '',
      trigger_id: body.trigger_id,
    };
    await run({ ...args, command } as unknown as CommandArgs);
  };
}
