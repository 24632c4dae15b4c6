/**
 * Every `/jobs` subcommand, in the order `/jobs help` lists them (and "did you mean" prefers
 * their words). Adding a command is one file in `jobs/` and one line here.
 */

import type { SlackMessage } from '../views/blocks.ts';
import { type HelpLine, helpMessage } from '../views/help.ts';
import type { CommandContext, RegisteredSubcommand } from './command.ts';
import { adminsCommand } from './jobs/admins.ts';
import { assignCommand } from './jobs/assign.ts';
import { channelCommand } from './jobs/channel.ts';
import { completeCommand } from './jobs/complete.ts';
import { declineCommand } from './jobs/decline.ts';
import { helpCommand } from './jobs/help.ts';
import { inactiveCommand } from './jobs/inactive.ts';
import { listCommand } from './jobs/list.ts';
import { mineCommand } from './jobs/mine.ts';
import { needsActionCommand } from './jobs/needs-action.ts';
import { newCommand } from './jobs/new.ts';
import { outboxCommand } from './jobs/outbox.ts';
import { prefsCommand } from './jobs/prefs.ts';
import { reopenCommand } from './jobs/reopen.ts';
import { replyCommand } from './jobs/reply.ts';
import { settingsCommand } from './jobs/settings.ts';
import { showCommand } from './jobs/show.ts';
import { statsCommand } from './jobs/stats.ts';
import { unassignCommand } from './jobs/unassign.ts';
import { whoamiCommand } from './jobs/whoami.ts';

export const JOBS_SUBCOMMANDS = [
  needsActionCommand,
  listCommand,
  mineCommand,
  showCommand,
  assignCommand,
  unassignCommand,
  declineCommand,
  inactiveCommand,
  completeCommand,
  reopenCommand,
  replyCommand,
  newCommand,
  prefsCommand,
  statsCommand,
  settingsCommand,
  channelCommand,
  adminsCommand,
  outboxCommand,
  whoamiCommand,
  helpCommand,
] as const;

type Registered = (typeof JOBS_SUBCOMMANDS)[number];

/** What a registered subcommand parses into. */
export type SubcommandOf<E> = E extends RegisteredSubcommand<infer C> ? C : never;
export type ParsedSubcommand = SubcommandOf<Registered>;

const BY_WORD = new Map<string, Registered>(
  JOBS_SUBCOMMANDS.flatMap((entry) => entry.words.map((word) => [word, entry] as const)),
);

/** The subcommand a (lower-case) first word starts, if any. */
export function subcommandFor(word: string): Registered | undefined {
  return BY_WORD.get(word);
}

/** Every command word, in the order suggestions prefer them: shortcuts last. */
export const COMMAND_WORDS: readonly string[] = [
  ...JOBS_SUBCOMMANDS.filter((entry) => !entry.shortcut),
  ...JOBS_SUBCOMMANDS.filter((entry) => entry.shortcut),
].flatMap((entry) => entry.words);

export const HELP_LINES: readonly HelpLine[] = JOBS_SUBCOMMANDS.flatMap((entry) => entry.help);

/** Words whose subcommand may open a modal with the command's trigger. */
const URGENT_WORDS = new Set(
  JOBS_SUBCOMMANDS.filter((entry) => entry.urgent).flatMap((entry) => entry.words),
);

/** Whether the text after `/jobs` starts an urgent subcommand (see `JobsSubcommand.urgent`). */
export function isUrgent(text: string): boolean {
  return URGENT_WORDS.has(text.trim().split(/\s+/)[0]?.toLowerCase() ?? '');
}

/** Runs a parsed command with the subcommand of its kind. */
export async function dispatch(ctx: CommandContext, command: ParsedSubcommand): Promise<void> {
  for (const entry of JOBS_SUBCOMMANDS) {
    if (await entry.dispatch(ctx, command)) return;
  }
  throw new Error(`no /jobs subcommand runs ${command.kind}`);
}

/** `/jobs help` as the registry lists it, with an optional intro (why a command was not read). */
export function jobsHelp({ intro }: { intro?: string } = {}): SlackMessage {
  return helpMessage({ ...(intro ? { intro } : {}), commands: HELP_LINES });
}
