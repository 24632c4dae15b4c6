/**
 * One `/jobs` subcommand, whole: the words that start it, its lines in `/jobs help`, how it reads
 * its arguments, whether it goes first in the ack lane, and what it does. Each lives in its own
 * file under `jobs/`, named after its command; `registry.ts` lists them all, and help, "did you
 * mean", parsing and dispatch are all read from that list.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import type { HelpLine } from '../views/help.ts';
import type { Token, UsageCommand } from './read.ts';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a subcommand needs: the person, the payload and a way to answer only them. */
export interface CommandContext {
  deps: SlackDeps;
  args: CommandArgs;
  userId: string;
  /** Every command's lines in `/jobs help`, from the registry. */
  helpLines: readonly HelpLine[];
  reply(message: { text: string; blocks?: unknown[] }): Promise<void>;
}

/** The text after `/jobs`, read into tokens; `word` is the first, lower case. */
export interface CommandInput {
  text: string;
  tokens: Token[];
  word: string;
  /** The tokens after the command word. */
  args: Token[];
}

export interface JobsSubcommand<C extends { kind: string }> {
  /** What the parsed command is called (several entries may share one, as `list` and `mine`). */
  kind: C['kind'];
  /** Lower-case words that start it, the name first, in the order suggestions prefer them. */
  words: readonly string[];
  /** Its lines in `/jobs help`: what to write after `/jobs`, and what it does. */
  help: readonly HelpLine[];
  /**
   * It may open a modal with the command's trigger, which expires 3 seconds after the keystroke:
   * its work goes first in the ack lane.
   */
  urgent?: boolean;
  /**
   * A shortcut for another command (`mine` is `list mine`): its words come after every other
   * command's in "did you mean", so a typo as close to a real command suggests that one.
   */
  shortcut?: boolean;
  parse(input: CommandInput): C | UsageCommand;
  run(ctx: CommandContext, command: C): Promise<void>;
}

/** A subcommand the registry can hold next to others of other shapes. */
export interface RegisteredSubcommand<C extends { kind: string } = { kind: string }>
  extends JobsSubcommand<C> {
  /** Runs `command` when it is this subcommand's kind; false when it is not. */
  dispatch(ctx: CommandContext, command: { kind: string }): Promise<boolean>;
}

export function defineSubcommand<C extends { kind: string }>(
  spec: JobsSubcommand<C>,
): RegisteredSubcommand<C> {
  const accepts = (command: { kind: string }): command is C => command.kind === spec.kind;
  return {
    ...spec,
    async dispatch(ctx, command) {
      if (!accepts(command)) return false;
      await spec.run(ctx, command);
      return true;
    },
  };
}
