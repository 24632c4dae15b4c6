/**
 * Reads the text after `/jobs` into a command: the first word picks the subcommand from the
 * registry, which reads its own arguments. Pure: no Slack calls, no database, never throws.
 */
import { closest } from './closest.ts';
import {
  display,
  FILTER_WORDS,
  readFilters,
  readJobRef,
  type Token,
  tokenize,
  type UsageCommand,
  usage,
} from './read.ts';
import {
  COMMAND_WORDS,
  JOBS_SUBCOMMANDS,
  type ParsedSubcommand,
  subcommandFor,
} from './registry.ts';

export { matchDeclineReason } from '../../domain/index.ts';
export type { UsageCommand } from './read.ts';

export type JobsCommand = ParsedSubcommand | UsageCommand;
export type JobsCommandKind = JobsCommand['kind'];

export const JOBS_COMMAND_KINDS: readonly JobsCommandKind[] = [
  ...new Set<JobsCommandKind>(JOBS_SUBCOMMANDS.map((entry) => entry.kind)),
  'usage',
];

/** Filters that are not also a command, so `/jobs awaiting` means `/jobs list awaiting`. */
const BARE_FILTERS = new Set(FILTER_WORDS.filter((word) => subcommandFor(word) === undefined));

export function parseJobsCommand(text: string): JobsCommand {
  try {
    return parse(typeof text === 'string' ? text : '');
  } catch {
    // Defensive only: the parser is written not to throw (and fuzzed), but a slash command must
    // always get an answer.
    return usage('I could not read that command. `/jobs help` lists what I understand.');
  }
}

function parse(text: string): JobsCommand {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (!first) return { kind: 'needs_action' };
  const word = first.text.toLowerCase();
  const entry = subcommandFor(word);
  if (!entry) return parseUnknown(first, word, tokens);
  return entry.parse({ text, tokens, word, args: tokens.slice(1) });
}

function parseUnknown(first: Token, word: string, tokens: Token[]): JobsCommand {
  if (BARE_FILTERS.has(word)) return readFilters(tokens);
  const job = readJobRef(first.text);
  if (job !== undefined) {
    if (tokens.length === 1) return { kind: 'show', job };
    const second = tokens[1]?.text.toLowerCase() ?? '';
    if (subcommandFor(second)) {
      return usage(`Put the command first: /jobs ${second} ${first.text} …`);
    }
    return usage(
      `Start with a command, e.g. /jobs show ${first.text} — \`/jobs help\` lists them all.`,
    );
  }
  const suggestion = closest(word, [...COMMAND_WORDS, ...BARE_FILTERS]);
  const problem = `Unknown command ${display(first.text)}.`;
  return suggestion ? { kind: 'usage', problem, suggestion } : usage(problem);
}
