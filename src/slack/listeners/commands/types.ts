import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a subcommand needs: the person, the payload and a way to answer only them. */
export interface CommandContext {
  deps: SlackDeps;
  args: CommandArgs;
  userId: string;
  reply(message: { text: string; blocks?: unknown[] }): Promise<void>;
}
