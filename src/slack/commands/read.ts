/**
 * What every `/jobs` command reads its arguments with: the tokenizer, and readers for job
 * references, people, free text and list filters. Pure: no Slack calls, no database, never throws.
 *
 * The manifest sets `should_escape: true`, so Slack sends people as `<@U123ABC>` or
 * `<@U123ABC|name>`, channels as `<#C123|name>`, `&`, `<`, `>` typed by the user as `&amp;`,
 * `&lt;`, `&gt;`. Free text (reply messages, decline notes) is handed back exactly as Slack sent
 * it, only trimmed.
 */
import { parseJobRef } from '../../domain/job-ref.ts';
import type { JobStatus } from '../../domain/status.ts';
import { closest } from './closest.ts';

export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * What was wrong, for the user (mrkdwn, safe to show them). `suggestion` is what to write after
 * `/jobs` instead: a known command word close to an unknown one (`asign` → `assign`), or the
 * list command with a close filter in place of an unknown one (`list awaitng` → `list awaiting`).
 */
export interface UsageCommand {
  kind: 'usage';
  problem: string;
  suggestion?: string;
}

export function usage(problem: string): UsageCommand {
  return { kind: 'usage', problem };
}

/** Slack markup `<…>` is one token even when glued to a word or holding spaces in its label. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<[^<>]*>|[^\s<]+|</g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The free text after `token`, exactly as Slack sent it, only trimmed. */
export function textAfter(text: string, token: Token): string {
  return text.slice(token.end).trim();
}

/**
 * `J-12`, `j12`, `#12`, `12`, with a trailing `:` `,` `.` or `;` allowed (`reply J-12: thanks`).
 * A channel link whose name is a job ref (Slack links `#12` when a channel `12` exists) counts.
 */
export function readJobRef(text: string): number | undefined {
  const channel = /^<#[A-Z0-9]+\|([^<>]*)>$/.exec(text);
  if (channel) return parseJobRef(`#${channel[1] ?? ''}`);
  return parseJobRef(text.replace(/[:,.;]+$/, ''));
}

export function notAJob(token: Token): UsageCommand {
  return usage(`${display(token.text)} is not a job number — write J-12, #12 or 12.`);
}

// ---- list filters -----------------------------------------------------------------------------

/** Status words accepted as list filters. */
const STATUS_WORDS = new Map<string, JobStatus>([
  ['new', 'new'],
  ['opened', 'opened'],
  ['open', 'opened'],
  ['responded', 'responded'],
  ['awaiting', 'awaiting_response'],
  ['awaiting_response', 'awaiting_response'],
  ['awaiting-response', 'awaiting_response'],
  ['inactive', 'inactive'],
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['done', 'completed'],
  ['declined', 'declined'],
  ['expired', 'expired'],
]);

export const FILTER_WORDS = [...STATUS_WORDS.keys(), 'mine', 'unassigned'];

const FILTER_HELP =
  'use a status (new, opened, responded, awaiting, inactive, completed, declined, expired), ' +
  '`mine` or `unassigned`';

/** `/jobs list [filters…]`, `/jobs mine`, `/jobs awaiting`…; empty `statuses` = no status filter. */
export interface ListCommand {
  kind: 'list';
  statuses: JobStatus[];
  mine: boolean;
  unassigned: boolean;
}

/**
 * List filters. A close match to an unknown filter comes back as the whole corrected command
 * after `/jobs` (`list awaitng mine` → `list awaiting mine`), ready to be shown as
 * "Did you mean `/jobs …`?".
 */
export function readFilters(tokens: Token[]): ListCommand | UsageCommand {
  const words = tokens.flatMap((token) => token.text.split(',')).filter((word) => word !== '');
  const statuses: JobStatus[] = [];
  let mine = false;
  let unassigned = false;
  for (const [index, raw] of words.entries()) {
    const word = raw.toLowerCase();
    const status = STATUS_WORDS.get(word);
    if (status) {
      if (!statuses.includes(status)) statuses.push(status);
    } else if (word === 'mine') {
      mine = true;
    } else if (word === 'unassigned') {
      unassigned = true;
    } else if (word === 'response' && words[index - 1]?.toLowerCase() === 'awaiting') {
      // "awaiting response" written as two words
    } else {
      if (readJobRef(raw) !== undefined) {
        return usage(`To see one job: /jobs show ${raw}. To list jobs, ${FILTER_HELP}.`);
      }
      const problem = `${display(raw)} is not a filter — ${FILTER_HELP}.`;
      const fixed = closest(word, FILTER_WORDS);
      if (!fixed) return usage(problem);
      const corrected = words.map((other, at) => (at === index ? fixed : other.toLowerCase()));
      const suggestion = ['list', ...corrected].join(' ');
      return { kind: 'usage', problem, suggestion };
    }
  }
  if (mine && unassigned) {
    return usage('`mine` and `unassigned` exclude each other — pick one.');
  }
  return { kind: 'list', statuses, mine, unassigned };
}

export function onlyFilters(args: Token[]): boolean {
  return args.every((token) =>
    token.text.split(',').every((part) => part === '' || FILTER_WORDS.includes(part.toLowerCase())),
  );
}

// ---- the job a command acts on ----------------------------------------------------------------

export interface JobArgument {
  /** The command word as typed (lower case), for the usage line. */
  word: string;
  /** What follows the job in the usage line: `' [reason]'`, or `''`. */
  example?: string;
  /**
   * The status this command moves jobs to (`inactive` → `inactive`), so that `/jobs inactive`
   * alone, or followed by filters, points at `/jobs list inactive …`.
   */
  listHint?: string;
}

function missingJob({ word, example = '', listHint }: JobArgument, args: Token[]): UsageCommand {
  const hint =
    listHint && onlyFilters(args)
      ? ` — to list ${listHint} jobs: /jobs list ${[listHint, ...args.map((t) => t.text.toLowerCase())].join(' ')}`
      : '';
  return usage(`\`${word}\` needs a job: /jobs ${word} J-12${example}${hint}`);
}

/** The job named by the first argument, or what is wrong with it. */
export function firstJob(
  about: JobArgument,
  args: Token[],
): { job: number; token: Token } | UsageCommand {
  const token = args[0];
  if (!token) return missingJob(about, args);
  const job = readJobRef(token.text);
  if (job === undefined) {
    if (about.listHint && onlyFilters(args)) return missingJob(about, args);
    return notAJob(token);
  }
  return { job, token };
}

/** `show J-12`, `complete J-12`…: one job and nothing else. */
export function readJobOnly(about: JobArgument, args: Token[]): { job: number } | UsageCommand {
  const found = firstJob(about, args);
  if ('kind' in found) return found;
  if (args.length > 1) {
    return usage(`\`${about.word}\` takes one job and nothing else: /jobs ${about.word} J-12`);
  }
  return { job: found.job };
}

/** Commands that take no arguments: what to say when some are given anyway. */
export function readNothing(word: string, args: Token[]): UsageCommand | undefined {
  return args.length > 0 ? usage(`\`${word}\` takes nothing after it: /jobs ${word}`) : undefined;
}

// ---- people -----------------------------------------------------------------------------------

/** Words between people that mean nothing: `assign J-12 to @a and @b`. */
const FILLERS = new Set(['to', 'from', 'and', '&amp;', '+', ',']);
const ME = new Set(['me', 'myself']);
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$/;
const USER_ID = /^[UW](?=[A-Z0-9]*\d)[A-Z0-9]{2,}$/;

export type Person = { me: true } | { id: string } | { problem: string } | undefined;

export function withoutFillers(tokens: Token[]): Token[] {
  return tokens.filter((token) => !FILLERS.has(token.text.toLowerCase()));
}

/** A person, `me`, a readable reason why the token is not a person, or undefined (no idea). */
export function readPerson(text: string): Person {
  const token = text.replace(/,+$/, '');
  if (ME.has(token.toLowerCase())) return { me: true };
  const mention = USER_MENTION.exec(token);
  if (mention?.[1]) return { id: mention[1] };
  if (USER_ID.test(token)) return { id: token };
  if (token.startsWith('<#')) {
    return { problem: `${display(token)} is a channel, not a person — mention people with @.` };
  }
  if (token.startsWith('<!subteam')) {
    return {
      problem: `User groups like ${display(token)} can't be assigned — mention people one by one.`,
    };
  }
  if (token.startsWith('<!')) {
    return { problem: `${display(token)} can't be assigned — mention people one by one.` };
  }
  if (token.startsWith('@')) {
    return {
      problem:
        `${display(token)} didn't come through as a Slack mention — pick the person from the ` +
        '@ suggestions, or write their member ID (U…).',
    };
  }
  if (token.startsWith('<')) return { problem: `${display(token)} is not a person.` };
  return undefined;
}

// ---- showing a token back ---------------------------------------------------------------------

/** A user's token, shown back to them in mrkdwn without pinging anyone or breaking formatting. */
export function display(token: string): string {
  if (/^<[@#][A-Z0-9]+(?:\|[^<>]*)?>$/.test(token)) return token;
  const group = /^<!subteam\^[A-Z0-9]+\|([^<>]*)>$/.exec(token);
  if (group?.[1]) return code(group[1]);
  const special = /^<!(\w+)(?:\^[^|<>]*)?(?:\|[^<>]*)?>$/.exec(token);
  if (special?.[1]) return code(`@${special[1]}`);
  return code(token);
}

function code(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').replace(/`/g, "'"));
  const short = chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('');
  return `\`${short}\``;
}

// ---- a job and people: assign, unassign -------------------------------------------------------

const PEOPLE_EXAMPLE = '@alice (or me)';

/**
 * `assign J-12 @a @b me`: `users` are Slack user ids (deduplicated, in the order typed),
 * `includeMe` says the caller wrote `me`. At least one of the two is non-empty/true.
 */
export interface JobAndPeople {
  job: number;
  users: string[];
  includeMe: boolean;
}

/** A job and at least one person, in any order, with fillers (`to`, `and`) skipped. */
export function readJobAndPeople(word: string, tokens: Token[]): JobAndPeople | UsageCommand {
  const args = withoutFillers(tokens);
  const general = `\`${word}\` needs a job and at least one person: /jobs ${word} J-12 ${PEOPLE_EXAMPLE}`;
  if (args.length === 0) return usage(general);
  let job: number | undefined;
  const users: string[] = [];
  let includeMe = false;
  for (const token of args) {
    const person = readPerson(token.text);
    if (person && 'me' in person) {
      includeMe = true;
      continue;
    }
    if (person && 'id' in person) {
      if (!users.includes(person.id)) users.push(person.id);
      continue;
    }
    if (person) return usage(person.problem);
    const ref = readJobRef(token.text);
    if (ref !== undefined) {
      if (job !== undefined && job !== ref) {
        return usage(`One job at a time: /jobs ${word} J-12 ${PEOPLE_EXAMPLE}`);
      }
      job = ref;
      continue;
    }
    if (job === undefined && !args.some((other) => readJobRef(other.text) !== undefined)) {
      return notAJob(token);
    }
    return usage(
      `${display(token.text)} is not a person — mention them with @, or write me: ` +
        `/jobs ${word} J-12 ${PEOPLE_EXAMPLE}`,
    );
  }
  if (job === undefined) {
    return usage(`\`${word}\` needs a job: /jobs ${word} J-12 ${PEOPLE_EXAMPLE}`);
  }
  if (users.length === 0 && !includeMe) return usage(general);
  return { job, users, includeMe };
}
