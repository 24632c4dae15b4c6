import { formatMoment } from '../domain/index.ts';

/**
 * Slack's Block Kit limits, counted in UTF-16 code units like `String.length`: Slack measures
 * characters, and code units are never fewer, so a text that fits here fits there.
 */
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELD_TEXT = 2000;
export const MAX_FIELDS = 10;
export const MAX_CONTEXT_TEXT = 3000;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_HEADER_TEXT = 150;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTION_VALUE = 150;
export const MIN_OVERFLOW_OPTIONS = 2;
export const MAX_OVERFLOW_OPTIONS = 5;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON = 24;
export const MAX_INPUT_LABEL = 2000;
export const MAX_PLACEHOLDER = 150;
export const MAX_TEXT_INPUT = 3000;
export const MAX_PRIVATE_METADATA = 3000;
export const MAX_MESSAGE_TEXT = 40_000;
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_MODAL_BLOCKS = 100;

/** Slack reads only these three as markup: escaping them makes any text inert. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The inverse of escapeMrkdwn; `&amp;` last, so `&amp;lt;` stays the literal text `&lt;`. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface Cut {
  text: string;
  truncated: boolean;
}

// Made on the first text long enough to cut: ICU's break rules, paged in by the first segmenter,
// cost a process about 2.5 MiB that most never need (BENCHMARKS.md, Postgres mode at idle).
let graphemes: Intl.Segmenter | undefined;

/** How far back from the hard cut a word or line break is still worth cutting at. */
const BOUNDARY_WINDOW = 0.2;
const MIN_BOUNDARY_LOOKBACK = 10;
const MAX_BOUNDARY_LOOKBACK = 300;

/**
 * Cuts `text` to at most `max` code units including `suffix`, only between graphemes (an emoji
 * family or an accented letter is never split), preferring a line break, then a space, near the
 * end so words stay whole. The result is always a prefix of `text` followed by `suffix`.
 */
export function truncate(text: string, max: number, suffix = '…'): Cut {
  if (text.length <= max) return { text, truncated: false };
  // A suffix that does not fit would break the length promise; a bare cut is the lesser evil.
  const tail = suffix.length <= max ? suffix : '';
  const budget = max - tail.length;

  // Boundaries that are grapheme starts, collected until the budget is spent.
  let hard = 0;
  let lineBreak = -1;
  let space = -1;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > budget) break;
    if (segment.trim() === '') {
      if (segment.includes('\n')) lineBreak = index;
      else space = index;
    }
    hard = index + segment.length;
  }

  const lookback = Math.max(MIN_BOUNDARY_LOOKBACK, Math.floor(budget * BOUNDARY_WINDOW));
  const floor = hard - Math.min(MAX_BOUNDARY_LOOKBACK, lookback);
  let cut = hard;
  if (lineBreak > 0 && lineBreak >= floor) cut = lineBreak;
  else if (space > 0 && space >= floor) cut = space;
  const prefix = text.slice(0, cut).trimEnd();
  return { text: prefix + tail, truncated: true };
}

export interface FitOptions {
  /** Appended after the wrapped text when it had to be cut (already mrkdwn). */
  suffix?: string;
  /** Turns the escaped text into the final mrkdwn (quote it, add a heading…). */
  wrap?: (escaped: string) => string;
}

/**
 * The longest prefix of `text` (cut as `truncate` cuts, without a suffix) whose rendering fits
 * in `max`. Cutting happens on the raw text, so an entity such as `&amp;` is never split.
 */
export function fitPrefix(text: string, max: number, render: (prefix: string) => string): string {
  if (render(text).length <= max) return text;
  let budget = Math.min(text.length, max);
  for (;;) {
    const prefix = truncate(text, Math.max(0, budget), '').text;
    const length = render(prefix).length;
    if (length <= max || prefix === '') return prefix;
    // Escaping grows text unevenly (`&` becomes 5 units), so scale by the observed ratio;
    // always shrinking by at least one unit guarantees the loop ends.
    budget = Math.min(prefix.length - 1, Math.floor((prefix.length * max) / length));
  }
}

/**
 * Escapes untrusted `text` and cuts it so that `wrap(escaped)`, plus `suffix` when cut, fits
 * in `max`.
 */
export function fitMrkdwn(text: string, max: number, options: FitOptions = {}): Cut {
  const wrap = options.wrap ?? ((s: string) => s);
  const suffix = options.suffix ?? '…';
  const whole = wrap(escapeMrkdwn(text));
  if (whole.length <= max) return { text: whole, truncated: false };
  const prefix = fitPrefix(text, max, (p) => wrap(escapeMrkdwn(p)) + suffix);
  return { text: wrap(escapeMrkdwn(prefix)) + suffix, truncated: true };
}

/** Quotes every line, so a multi-line message reads as one block quote in Slack. */
export function quote(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

export const DEFAULT_DATE_FORMAT = '{date_short_pretty} at {time}';

/**
 * A `<!date^…>` token: each reader sees the moment in their own time zone. The fallback is what
 * clients that cannot render the token (and notifications) show instead.
 */
export function slackDate(
  date: Date,
  format: string = DEFAULT_DATE_FORMAT,
  fallback: string = formatMoment(date),
): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${format}|${escapeMrkdwn(fallback)}>`;
}

const USER_ID = /^[UW][A-Z0-9]+$/;

/** `<@U…>`; anything that is not a Slack user id is shown as inert text instead. */
export function mention(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
