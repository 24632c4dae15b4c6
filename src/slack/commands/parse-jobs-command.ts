/**
 * Reads the text after `/jobs` into a command. Pure: no Slack calls, no database, never throws.
 *
 * The manifest sets `should_escape: true`, so Slack sends people as `<@U123ABC>` or
 * `<@U123ABC|name>`, channels as `<#C123|name>`, `&`, `<`, `>` typed by the user as `&amp;`,
 * `&lt;`, `&gt;`. Free text (reply messages, decline notes) is handed back exactly as Slack sent
 * it, only trimmed.
 */
import { parseJobRef } from '../../domain/job-ref.ts';
import type { JobStatus } from '../../domain/status.ts';
import { DECLINE_REASONS, type DeclineReason } from '../../services/change-status.ts';

/** `/jobs` alone: the caller's jobs that need action. */
export interface NeedsActionCommand {
  kind: 'needs_action';
}

/** `/jobs list [filters…]`, `/jobs mine`, `/jobs awaiting`…; empty `statuses` = no status filter. */
export interface ListCommand {
  kind: 'list';
  statuses: JobStatus[];
  mine: boolean;
  unassigned: boolean;
}

export interface ShowCommand {
  kind: 'show';
  job: number;
}

/**
 * `/jobs assign J-12 @a @b me`: `users` are Slack user ids (deduplicated, in the order typed),
 * `includeMe` says the caller wrote `me`. At least one of the two is non-empty/true.
 */
export interface AssignCommand {
  kind: 'assign' | 'unassign';
  job: number;
  users: string[];
  includeMe: boolean;
}

export interface DeclineReasonMatch {
  key: DeclineReason;
  note?: string;
}

/** No `reason`: the listener opens the decline modal. */
export interface DeclineCommand {
  kind: 'decline';
  job: number;
  reason?: DeclineReasonMatch;
}

export interface StatusCommand {
  kind: 'inactive' | 'complete' | 'reopen';
  job: number;
}

/** No `message`: the listener opens the reply modal. */
export interface ReplyCommand {
  kind: 'reply';
  job: number;
  message?: string;
}

export interface SimpleCommand {
  kind: 'new' | 'prefs' | 'stats' | 'help' | 'settings' | 'channel' | 'outbox';
}

/** `/jobs admins`, `/jobs admins add @a`, `/jobs admins remove @a` (me allowed). */
export interface AdminsCommand {
  kind: 'admins';
  action: 'list' | 'add' | 'remove';
  users: string[];
  includeMe: boolean;
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

export type JobsCommand =
  | NeedsActionCommand
  | ListCommand
  | ShowCommand
  | AssignCommand
  | DeclineCommand
  | StatusCommand
  | ReplyCommand
  | SimpleCommand
  | AdminsCommand
  | UsageCommand;

export type JobsCommandKind = JobsCommand['kind'];

export const JOBS_COMMAND_KINDS = [
  'needs_action',
  'list',
  'show',
  'assign',
  'unassign',
  'decline',
  'inactive',
  'complete',
  'reopen',
  'reply',
  'new',
  'prefs',
  'stats',
  'help',
  'settings',
  'channel',
  'admins',
  'outbox',
  'usage',
] as const satisfies readonly JobsCommandKind[];

type Verb =
  | 'list'
  | 'mine'
  | 'show'
  | 'assign'
  | 'unassign'
  | 'decline'
  | 'inactive'
  | 'complete'
  | 'reopen'
  | 'reply'
  | 'new'
  | 'prefs'
  | 'stats'
  | 'help'
  | 'settings'
  | 'channel'
  | 'admins'
  | 'outbox';

/** Every word that starts a command, lower case, in the order suggestions prefer them. */
const VERBS = new Map<string, Verb>([
  ['list', 'list'],
  ['show', 'show'],
  ['assign', 'assign'],
  ['unassign', 'unassign'],
  ['decline', 'decline'],
  ['inactive', 'inactive'],
  ['complete', 'complete'],
  ['completed', 'complete'],
  ['done', 'complete'],
  ['reopen', 'reopen'],
  ['reactivate', 'reopen'],
  ['reply', 'reply'],
  ['new', 'new'],
  ['prefs', 'prefs'],
  ['preferences', 'prefs'],
  ['stats', 'stats'],
  ['help', 'help'],
  ['?', 'help'],
  ['settings', 'settings'],
  ['notifications', 'settings'],
  ['channel', 'channel'],
  ['admins', 'admins'],
  ['admin', 'admins'],
  ['outbox', 'outbox'],
  ['mine', 'mine'],
]);

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

const FILTER_WORDS = [...STATUS_WORDS.keys(), 'mine', 'unassigned'];

/** Filters that are not also a command, so `/jobs awaiting` means `/jobs list awaiting`. */
const BARE_FILTERS = new Set(FILTER_WORDS.filter((word) => !VERBS.has(word)));

const FILTER_HELP =
  'use a status (new, opened, responded, awaiting, inactive, completed, declined, expired), ' +
  '`mine` or `unassigned`';

const PEOPLE_EXAMPLE = '@alice (or me)';

export function parseJobsCommand(text: string): JobsCommand {
  try {
    return parse(typeof text === 'string' ? text : '');
  } catch {
    // Defensive only: the parser is written not to throw (and fuzzed), but a slash command must
    // always get an answer.
    return usage('I could not read that command. `/jobs help` lists what I understand.');
  }
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Slack markup `<…>` is one token even when glued to a word or holding spaces in its label. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<[^<>]*>|[^\s<]+|</g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

function parse(text: string): JobsCommand {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (!first) return { kind: 'needs_action' };
  const word = first.text.toLowerCase();
  const args = tokens.slice(1);
  const verb = VERBS.get(word);

  switch (verb) {
    case 'list':
      return parseFilters(args);
    case 'mine':
      return parseFilters(tokens);
    case 'show':
    case 'inactive':
    case 'complete':
    case 'reopen':
      return parseJobOnly(verb, word, args);
    case 'assign':
    case 'unassign':
      return parsePeople(verb, word, args);
    case 'decline':
      return parseDecline(text, word, args);
    case 'reply':
      return parseReply(text, word, args);
    case 'new':
      if (args.length > 0) {
        return usage(
          '`new` takes nothing after it — it opens the form to log a job by hand. ' +
            'To list new jobs: /jobs list new',
        );
      }
      return { kind: 'new' };
    case 'prefs':
    case 'stats':
    case 'settings':
    case 'channel':
    case 'outbox':
      if (args.length > 0) return usage(`\`${word}\` takes nothing after it: /jobs ${word}`);
      return { kind: verb };
    case 'admins':
      return parseAdmins(args);
    case 'help':
      return { kind: 'help' };
    case undefined:
      return parseUnknown(first, word, tokens);
  }
}

function parseUnknown(first: Token, word: string, tokens: Token[]): JobsCommand {
  if (BARE_FILTERS.has(word)) return parseFilters(tokens);
  const job = readJobRef(first.text);
  if (job !== undefined) {
    if (tokens.length === 1) return { kind: 'show', job };
    const second = tokens[1]?.text.toLowerCase() ?? '';
    if (VERBS.has(second)) {
      return usage(`Put the command first: /jobs ${second} ${first.text} …`);
    }
    return usage(
      `Start with a command, e.g. /jobs show ${first.text} — \`/jobs help\` lists them all.`,
    );
  }
  const suggestion = closest(word, [...VERBS.keys(), ...BARE_FILTERS]);
  const problem = `Unknown command ${display(first.text)}.`;
  return suggestion ? { kind: 'usage', problem, suggestion } : usage(problem);
}

/**
 * List filters. A close match to an unknown filter comes back as the whole corrected command
 * after `/jobs` (`list awaitng mine` → `list awaiting mine`), ready to be shown as
 * "Did you mean `/jobs …`?".
 */
function parseFilters(tokens: Token[]): JobsCommand {
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

/** The status a command word moves to, for the "to list them" hint. */
const LIST_HINT: Partial<Record<Verb, string>> = {
  inactive: 'inactive',
  complete: 'completed',
  decline: 'declined',
};

function missingJob(verb: Verb, word: string, example: string, args: Token[]): UsageCommand {
  const listed = LIST_HINT[verb];
  const hint =
    listed && onlyFilters(args)
      ? ` — to list ${listed} jobs: /jobs list ${[listed, ...args.map((t) => t.text.toLowerCase())].join(' ')}`
      : '';
  return usage(`\`${word}\` needs a job: /jobs ${word} J-12${example}${hint}`);
}

function onlyFilters(args: Token[]): boolean {
  return args.every((token) =>
    token.text.split(',').every((part) => part === '' || FILTER_WORDS.includes(part.toLowerCase())),
  );
}

function notAJob(token: Token): UsageCommand {
  return usage(`${display(token.text)} is not a job number — write J-12, #12 or 12.`);
}

/** The job named by the first argument, or what is wrong with it. */
function firstJob(
  verb: Verb,
  word: string,
  example: string,
  args: Token[],
): { job: number; token: Token } | UsageCommand {
  const token = args[0];
  if (!token) return missingJob(verb, word, example, args);
  const job = readJobRef(token.text);
  if (job === undefined) {
    if (LIST_HINT[verb] && onlyFilters(args)) return missingJob(verb, word, example, args);
    return notAJob(token);
  }
  return { job, token };
}

function parseJobOnly(
  verb: 'show' | 'inactive' | 'complete' | 'reopen',
  word: string,
  args: Token[],
): JobsCommand {
  const found = firstJob(verb, word, '', args);
  if ('kind' in found) return found;
  if (args.length > 1)
    return usage(`\`${word}\` takes one job and nothing else: /jobs ${word} J-12`);
  return { kind: verb, job: found.job };
}

function parseReply(text: string, word: string, args: Token[]): JobsCommand {
  const found = firstJob('reply', word, ' [message]', args);
  if ('kind' in found) return found;
  const message = text.slice(found.token.end).trim();
  return message ? { kind: 'reply', job: found.job, message } : { kind: 'reply', job: found.job };
}

function parseDecline(text: string, word: string, args: Token[]): JobsCommand {
  const found = firstJob('decline', word, ' [reason]', args);
  if ('kind' in found) return found;
  const said = text
    .slice(found.token.end)
    .trim()
    .replace(/^[:\-–—]+\s*/, '');
  if (!said) return { kind: 'decline', job: found.job };
  const reason = matchDeclineReason(said);
  if (reason.key === 'other' && !reason.note) {
    return usage(`Say why after \`other\`: /jobs ${word} J-12 other: the merchant went quiet`);
  }
  return { kind: 'decline', job: found.job, reason };
}

const FILLERS = new Set(['to', 'from', 'and', '&amp;', '+', ',']);
const ME = new Set(['me', 'myself']);
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$/;
const USER_ID = /^[UW](?=[A-Z0-9]*\d)[A-Z0-9]{2,}$/;

type Person = { me: true } | { id: string } | { problem: string } | undefined;

/** A person, `me`, a readable reason why the token is not a person, or undefined (no idea). */
function readPerson(text: string): Person {
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

function parsePeople(verb: 'assign' | 'unassign', word: string, tokens: Token[]): JobsCommand {
  const args = tokens.filter((token) => !FILLERS.has(token.text.toLowerCase()));
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
  return { kind: verb, job, users, includeMe };
}

function parseAdmins(args: Token[]): JobsCommand {
  const [first, ...rest] = args;
  if (!first) return { kind: 'admins', action: 'list', users: [], includeMe: false };
  const action = first.text.toLowerCase();
  const example = '/jobs admins add @alice (or remove)';
  if (action !== 'add' && action !== 'remove') {
    return usage(`\`admins\` lists the admins, or changes them: ${example}`);
  }
  const users: string[] = [];
  let includeMe = false;
  for (const token of rest.filter((t) => !FILLERS.has(t.text.toLowerCase()))) {
    const person = readPerson(token.text);
    if (person && 'me' in person) includeMe = true;
    else if (person && 'id' in person) {
      if (!users.includes(person.id)) users.push(person.id);
    } else if (person) return usage(person.problem);
    else return usage(`${display(token.text)} is not a person — mention them with @: ${example}`);
  }
  if (users.length === 0 && !includeMe) return usage(`Say who: ${example}`);
  return { kind: 'admins', action, users, includeMe };
}

/**
 * `J-12`, `j12`, `#12`, `12`, with a trailing `:` `,` `.` or `;` allowed (`reply J-12: thanks`).
 * A channel link whose name is a job ref (Slack links `#12` when a channel `12` exists) counts.
 */
function readJobRef(text: string): number | undefined {
  const channel = /^<#[A-Z0-9]+\|([^<>]*)>$/.exec(text);
  if (channel) return parseJobRef(`#${channel[1] ?? ''}`);
  return parseJobRef(text.replace(/[:,.;]+$/, ''));
}

interface ReasonWords {
  /** The whole text equal to one of these (normalized) names the reason, without a note. */
  names: string[];
  /** The text containing one of these words or phrases points at the reason. */
  keywords: string[];
}

const REASON_WORDS: Record<Exclude<DeclineReason, 'other'>, ReasonWords> = {
  not_a_fit: {
    names: ['not fit', 'no fit', 'bad fit', 'wrong fit', 'poor fit'],
    keywords: ['fit', 'out of scope', 'not our thing'],
  },
  no_capacity: {
    names: ['too busy', 'no bandwidth', 'fully booked', 'booked up'],
    keywords: ['capacity', 'busy', 'bandwidth', 'fully booked', 'overbooked', 'swamped'],
  },
  budget: {
    names: ['low budget', 'too cheap', 'no budget'],
    keywords: ['budget', 'budgets', 'price', 'pricing', 'cheap', 'money'],
  },
  timeline: {
    names: ['too tight', 'tight deadline', 'too soon'],
    keywords: ['timeline', 'timelines', 'deadline', 'deadlines', 'timeframe', 'time frame', 'asap'],
  },
  unclear: {
    names: ['too vague', 'not clear'],
    keywords: ['unclear', 'vague', 'ambiguous', 'confusing', 'not clear'],
  },
};

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

const REASON_NAMES = new Map<string, DeclineReason>();
for (const [key, label] of Object.entries(DECLINE_REASONS) as [DeclineReason, string][]) {
  for (const name of [key, key.replace(/_/g, ' '), label]) REASON_NAMES.set(normalize(name), key);
}
for (const [key, words] of Object.entries(REASON_WORDS) as [DeclineReason, ReasonWords][]) {
  for (const name of [...words.names, ...words.keywords]) REASON_NAMES.set(normalize(name), key);
}

/**
 * Reads a decline reason from free text:
 * - the whole text names a reason (`budget`, `no-capacity`, `Timeline too tight`, `busy`) → that
 *   key, no note;
 * - `<reason>: <note>` or `<reason> — <note>` → that key with the note (`other: went quiet`);
 * - the text mentions the words of exactly one reason (`their budget is $200`) → that key with
 *   the whole text as note;
 * - anything else → `other` with the whole text as note.
 */
export function matchDeclineReason(text: string): DeclineReasonMatch {
  const said = text.trim();
  const named = REASON_NAMES.get(normalize(said));
  if (named) return { key: named };

  const split = /^(.{1,40}?)(?:\s*:\s*|\s+[-–—]+\s+)([\s\S]+)$/.exec(said);
  const head = split?.[1];
  const tail = split?.[2]?.trim();
  if (head && tail) {
    const key = REASON_NAMES.get(normalize(head));
    if (key) return { key, note: tail };
  }

  const padded = ` ${normalize(said)} `;
  const hits = (Object.entries(REASON_WORDS) as [DeclineReason, ReasonWords][])
    .filter(([, words]) => words.keywords.some((word) => padded.includes(` ${normalize(word)} `)))
    .map(([key]) => key);
  const [only] = hits;
  if (only && hits.length === 1) return { key: only, note: said };
  return { key: 'other', note: said };
}

function usage(problem: string): UsageCommand {
  return { kind: 'usage', problem };
}

/** A user's token, shown back to them in mrkdwn without pinging anyone or breaking formatting. */
function display(token: string): string {
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

/**
 * The candidate closest to `word` by optimal-string-alignment distance (Damerau–Levenshtein
 * with adjacent transpositions), when close enough: distance ≤ 1 for words of up to 3
 * characters, ≤ 2 for longer ones, or one is a prefix of the other (`pref` → `prefs`).
 */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const length = Array.from(word).length;
  if (length === 0 || length > 30) return undefined;
  const limit = length <= 3 ? 1 : 2;
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.length < 2) continue;
    const distance = editDistance(word, candidate);
    const prefix =
      (length >= 3 && candidate.startsWith(word)) ||
      (candidate.length >= 4 && word.startsWith(candidate));
    if (distance > limit && !prefix) continue;
    // Prefer close words; among equals, prefix matches; among those, the earlier candidate.
    const score = distance * 2 + (prefix ? 0 : 1);
    if (!best || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  // rows[i][j] = distance between the first i chars of s and the first j chars of t
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= t.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let value = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return rows[s.length]?.[t.length] ?? 0;
}
