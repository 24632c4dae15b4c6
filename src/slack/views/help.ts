/** How to write `/jobs` commands: the whole list, and the short answer to a mistyped one. */
import type { KnownBlock } from '@slack/types';
import { JOB_STATUSES } from '../../domain/index.ts';
import { JOBS_COMMAND } from '../ids.ts';
import { chunkLines, context, type SlackMessage, section } from './blocks.ts';

/** One line of help: what to write after `/jobs`, and what it does. */
export type HelpLine = readonly [usage: string, what: string];

export interface HelpInput {
  /** mrkdwn shown first, e.g. why the command was not understood (escape what the user typed). */
  intro?: string;
  /** Every command's lines, in the order they are listed. */
  commands: readonly HelpLine[];
}

/** Every `/jobs` command with one line each; also the answer to anything not understood. */
export function helpMessage({ intro, commands }: HelpInput): SlackMessage {
  const lines = commands.map(([usage, what]) => {
    const command = usage ? `${JOBS_COMMAND} ${usage}` : JOBS_COMMAND;
    return `\`${command}\` — ${what}`;
  });
  const statuses = JOB_STATUSES.map((s) => (s === 'awaiting_response' ? 'awaiting' : s)).join(', ');
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(section(`*${JOBS_COMMAND} commands*`));
  for (const chunk of chunkLines(lines)) blocks.push(section(chunk));
  blocks.push(context(`Statuses: ${statuses}. Jobs are written J-12, j12, #12 or 12.`));
  return { text: `${JOBS_COMMAND} commands`, blocks };
}

export interface UsageInput {
  /** What went wrong and how to do it, mrkdwn (escape what the user typed). */
  problem: string;
  /** The closest command, when the first word was mistyped. */
  suggestion?: string | undefined;
}

/**
 * The answer to a command that was not understood: what went wrong and how to do it, then where
 * the rest is. Two lines, not the whole help: the person was in the middle of something.
 */
export function usageMessage({ problem, suggestion }: UsageInput): SlackMessage {
  const guess = suggestion ? ` Did you mean \`${JOBS_COMMAND} ${suggestion}\`?` : '';
  const text = `${problem}${guess}\n\`${JOBS_COMMAND} help\` lists every command.`;
  return { text, blocks: [section(text)] };
}
