/**
 * Local days and hours in an IANA time zone, for the daily digest. Pure; the moment is passed in.
 * Built on Intl, which knows the time zone rules (daylight saving included) — except for UTC, the
 * default, read from the Date itself: Intl's first date format pages about 4.5 MiB of ICU data
 * into the process, which a digest ticking every minute in UTC does not need.
 */

const UTC = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function isTimeZone(timeZone: string): boolean {
  if (timeZone === UTC) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(at: Date, timeZone: string): LocalTime {
  if (timeZone === UTC) {
    return {
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      day: at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** `YYYY-MM-DD` of the moment in the time zone. */
export function localDay(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** How far the zone's wall clock is ahead of UTC at that moment, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const t = localTime(at, timeZone);
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The moment the local day after `at` begins (its first instant, even across a DST change). */
export function endOfLocalDay(at: Date, timeZone: string): Date {
  const t = localTime(at, timeZone);
  const midnight = Date.UTC(t.year, t.month - 1, t.day + 1);
  let guess = midnight - offsetMs(at, timeZone);
  // The offset at midnight may differ from now's (a DST change today): correct with it.
  for (let i = 0; i < 2; i++) guess = midnight - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
