import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clockRuns,
  type DeadlineFacts,
  expiresAtFor,
  isPastDeadline,
  type JobStatus,
  RESPONSE_WINDOW_MS,
} from '../../src/domain/index.ts';
import { STATUSES } from './spec-table.ts';

const HOUR = 60 * 60 * 1000;
const EXPIRES = new Date('2026-11-30T14:05:00Z');
const ANSWERED = new Date('2026-11-28T09:00:00Z');

function facts(status: JobStatus, firstResponseAt: Date | null = null): DeadlineFacts {
  return { status, expiresAt: EXPIRES, firstResponseAt };
}

describe('expiresAtFor', () => {
  it('is the creation time at the source plus 72 hours', () => {
    expect(expiresAtFor(new Date('2026-11-27T14:05:00Z')).toISOString()).toBe(
      '2026-11-30T14:05:00.000Z',
    );
    expect(RESPONSE_WINDOW_MS).toBe(259_200_000);
  });

  it('keeps milliseconds and crosses month, year and DST boundaries in UTC', () => {
    expect(expiresAtFor(new Date('2026-12-30T23:59:59.999Z')).toISOString()).toBe(
      '2027-01-02T23:59:59.999Z',
    );
    expect(expiresAtFor(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe(
      '2026-03-31T12:00:00.000Z',
    );
    expect(expiresAtFor(new Date('2028-02-27T00:00:00Z')).toISOString()).toBe(
      '2028-03-01T00:00:00.000Z',
    );
  });

  it('adds exactly 72 h to any moment and does not touch its input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        const created = new Date(ms);
        const expires = expiresAtFor(created);
        expect(expires.getTime() - ms).toBe(72 * HOUR);
        expect(created.getTime()).toBe(ms);
        expect(expires).not.toBe(created);
      }),
    );
  });
});

describe('clockRuns', () => {
  it.each([
    ['new', true],
    ['opened', true],
    ['awaiting_response', true],
    ['responded', false],
    ['inactive', false],
    ['completed', false],
    ['declined', false],
    ['expired', false],
  ] as const)('%s without an answer → %s', (status, runs) => {
    expect(clockRuns(facts(status))).toBe(runs);
  });

  it.each(STATUSES)('%s after the team answered → false', (status) => {
    expect(clockRuns(facts(status, ANSWERED))).toBe(false);
  });
});

describe('isPastDeadline', () => {
  it.each(['new', 'opened', 'awaiting_response'] as const)('%s: boundaries', (status) => {
    const job = facts(status);
    expect(isPastDeadline(job, new Date(EXPIRES.getTime() - 1))).toBe(false);
    expect(isPastDeadline(job, EXPIRES)).toBe(true);
    expect(isPastDeadline(job, new Date(EXPIRES.getTime() + 1))).toBe(true);
    expect(isPastDeadline(job, new Date(EXPIRES.getTime() - 72 * HOUR))).toBe(false);
    expect(isPastDeadline(job, new Date(EXPIRES.getTime() + 1000 * HOUR))).toBe(true);
  });

  it.each(['new', 'opened', 'awaiting_response'] as const)(
    '%s: never once the team answered',
    (status) => {
      expect(isPastDeadline(facts(status, ANSWERED), EXPIRES)).toBe(false);
      expect(
        isPastDeadline(facts(status, ANSWERED), new Date(EXPIRES.getTime() + 1e6 * HOUR)),
      ).toBe(false);
    },
  );

  it.each(['responded', 'inactive', 'completed', 'declined', 'expired'] as const)(
    '%s: the clock does not run, so never past',
    (status) => {
      expect(isPastDeadline(facts(status), EXPIRES)).toBe(false);
      expect(isPastDeadline(facts(status), new Date(EXPIRES.getTime() + 100 * HOUR))).toBe(false);
    },
  );

  it('is past exactly when now >= expiresAt, for a running clock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('new' as const, 'opened' as const, 'awaiting_response' as const),
        fc.integer({ min: -200 * HOUR, max: 200 * HOUR }),
        (status, offset) => {
          const now = new Date(EXPIRES.getTime() + offset);
          expect(isPastDeadline(facts(status), now)).toBe(offset >= 0);
        },
      ),
    );
  });
});
