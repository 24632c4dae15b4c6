/**
 * Declining a job: the reasons the team picks from, the note's length limit, and how a reason
 * typed in free text (`/jobs decline J-12 too busy`) is read. Workflow rules, so they live here
 * and every door (Slack modal, slash command, service) uses the same ones.
 */

/** Decline reasons offered in Slack; `other` asks for a note. */
export const DECLINE_REASONS = {
  not_a_fit: 'Not a fit for our services',
  no_capacity: 'No capacity right now',
  budget: 'Budget too low',
  timeline: 'Timeline too tight',
  unclear: 'Request unclear',
  other: 'Other',
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;

/**
 * An own-key check: `in` would also accept `constructor`, `toString` and the other keys every
 * object inherits, and a payload could store them as a reason.
 */
export function isDeclineReason(value: unknown): value is DeclineReason {
  return typeof value === 'string' && Object.hasOwn(DECLINE_REASONS, value);
}

export const MAX_NOTE_CHARS = 3000;

export interface DeclineReasonMatch {
  key: DeclineReason;
  note?: string;
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
