// `<!date^unix^format|fallback>` as the Slack client shows it: in the reader's own time zone,
// with "Today" / "Yesterday" / "Tomorrow" for the *_pretty tokens. The sandbox passes the
// browser's time zone and the sandbox clock, so each reader sees their local time.

export interface DateContext {
  /** IANA zone of the reader, e.g. "Europe/Stockholm". */
  timeZone: string;
  /** "Now" for today/tomorrow and {ago}: the sandbox clock. */
  now: Date;
  /** Decides 12- or 24-hour time (en-US: 6:39 PM, en-GB: 18:39). */
  locale?: string;
}

interface CalendarDay {
  year: number;
  month: number;
  day: number;
  weekday: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function calendarDay(date: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'long',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: part('weekday'),
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function dayNumber(d: CalendarDay): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function relativeDay(d: CalendarDay, ctx: DateContext, timeZone: string): string | undefined {
  const diff = dayNumber(d) - dayNumber(calendarDay(ctx.now, timeZone));
  return diff === 0 ? 'Today' : diff === -1 ? 'Yesterday' : diff === 1 ? 'Tomorrow' : undefined;
}

function time(date: Date, ctx: DateContext, timeZone: string, seconds: boolean): string {
  return new Intl.DateTimeFormat(ctx.locale ?? 'en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(date);
}

function ago(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 45 ? 'just now' : rtf.format(seconds, 'second');
}

/** The text a `<!date^…>` token shows; unknown tokens stay as they are, like in Slack. */
export function formatSlackDate(unix: number, format: string, ctx: DateContext): string {
  const date = new Date(unix * 1000);
  const timeZone = validZone(ctx.timeZone);
  const d = calendarDay(date, timeZone);
  const month = MONTHS[d.month - 1] ?? '';
  const plain: Record<string, string> = {
    date_num: `${d.year}-${pad(d.month)}-${pad(d.day)}`,
    date_slash: `${pad(d.month)}/${pad(d.day)}/${d.year}`,
    date: `${month} ${ordinal(d.day)}, ${d.year}`,
    date_short: `${month.slice(0, 3)} ${d.day}, ${d.year}`,
    date_long: `${d.weekday}, ${month} ${ordinal(d.day)}, ${d.year}`,
  };
  const relative = relativeDay(d, ctx, timeZone);
  return format.replace(/\{([a-z_]+)\}/g, (whole, token: string) => {
    if (token in plain) return plain[token] as string;
    if (token.endsWith('_pretty')) {
      const base = plain[token.slice(0, -'_pretty'.length)];
      if (base !== undefined) return relative ?? base;
    }
    if (token === 'time') return time(date, ctx, timeZone, false);
    if (token === 'time_secs') return time(date, ctx, timeZone, true);
    if (token === 'ago') return ago(date, ctx.now);
    return whole;
  });
}
