import { describe, expect, it } from 'vitest';
import { endOfLocalDay, isTimeZone, localDay, localTime } from '../../src/domain/calendar.ts';
import { dueReminder } from '../../src/domain/reminders.ts';

const HOUR = 3_600_000;

describe('local days in a time zone', () => {
  it('knows the day and hour where the team is', () => {
    const at = new Date('2026-11-27T23:30:00Z');
    expect(localDay(at, 'UTC')).toBe('2026-11-27');
    expect(localDay(at, 'Europe/Stockholm')).toBe('2026-11-28');
    expect(localTime(at, 'America/New_York').hour).toBe(18);
  });

  it('finds the end of the local day, across daylight saving changes', () => {
    expect(endOfLocalDay(new Date('2026-11-27T10:30:00Z'), 'UTC').toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
    // Stockholm moves to summer time on 29 March 2026: that day ends at 22:00 UTC.
    expect(endOfLocalDay(new Date('2026-03-29T00:30:00Z'), 'Europe/Stockholm').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    // New York leaves summer time on 1 November 2026, late on 31 October it is still EDT.
    expect(endOfLocalDay(new Date('2026-11-01T03:30:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('reads UTC from the Date itself, as Intl would', () => {
    const intl = new Intl.DateTimeFormat('en-US', {
      timeZone: 'UTC',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const start = Date.UTC(2026, 0, 1);
    // Every 7 hours 13 minutes 7 seconds through two years: all hours, days and both year ends.
    for (let at = start; at < start + 2 * 366 * 24 * HOUR; at += 7 * HOUR + 13 * 60_000 + 7_000) {
      const parts = Object.fromEntries(
        intl
          .formatToParts(new Date(at))
          .filter((p) => p.type !== 'literal')
          .map((p) => [p.type, Number(p.value)]),
      );
      expect(localTime(new Date(at), 'UTC')).toEqual(parts);
    }
  });

  it('tells IANA time zones from anything else', () => {
    expect(isTimeZone('Europe/Stockholm')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('which deadline reminder is due', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  const job = (hoursLeft: number, extra: Partial<Parameters<typeof dueReminder>[0]> = {}) => ({
    status: 'new' as const,
    expiresAt: new Date(now.getTime() + hoursLeft * HOUR),
    firstResponseAt: null,
    reminded24hAt: null,
    reminded4hAt: null,
    ...extra,
  });

  it('none more than a day ahead, the 24-hour one within a day, the 4-hour one within four hours', () => {
    expect(dueReminder(job(30), now)).toBeUndefined();
    expect(dueReminder(job(24), now)).toBe('24h');
    expect(dueReminder(job(5), now)).toBe('24h');
    expect(dueReminder(job(4), now)).toBe('4h');
    expect(dueReminder(job(0.5), now)).toBe('4h');
  });

  it('each once, and none once the clock stopped or ran out', () => {
    expect(dueReminder(job(10, { reminded24hAt: now }), now)).toBeUndefined();
    expect(dueReminder(job(3, { reminded24hAt: now }), now)).toBe('4h');
    expect(dueReminder(job(3, { reminded4hAt: now }), now)).toBeUndefined();
    expect(dueReminder(job(3, { firstResponseAt: now }), now)).toBeUndefined();
    expect(dueReminder(job(3, { status: 'inactive' }), now)).toBeUndefined();
    expect(dueReminder(job(0), now)).toBeUndefined();
  });
});
