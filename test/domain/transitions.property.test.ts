import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  decide,
  effectiveStatus,
  expiresAtFor,
  isAllowed,
  isPastDeadline,
  type JobAction,
  type JobFacts,
  type JobStatus,
} from '../../src/domain/index.ts';
import {
  ACTIONS,
  CLOSED,
  type Expected,
  expectedFor,
  outcomeOf,
  SPEC,
  STATUSES,
} from './spec-table.ts';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 1);
const T1 = Date.UTC(2028, 0, 1);

const status = fc.constantFrom(...STATUSES);
const action = fc.constantFrom(...ACTIONS);
const writer = fc.constantFrom('merchant' as const, 'team' as const, null);
const instant = fc.integer({ min: T0, max: T1 }).map((ms) => new Date(ms));

/** Any job at any moment, including the edges: exactly at, just before, long after the deadline. */
const jobAndNow = fc
  .record({
    number: fc.integer({ min: 1, max: 1_000_000 }),
    status,
    createdAt: instant,
    answeredAfterMs: fc.option(fc.integer({ min: 0, max: 200 * HOUR }), { nil: null }),
    lastWriter: writer,
    nowOffsetMs: fc.oneof(
      fc.integer({ min: -10 * HOUR, max: 300 * HOUR }),
      fc.constantFrom(72 * HOUR - 1, 72 * HOUR, 72 * HOUR + 1),
    ),
  })
  .map(({ number, status, createdAt, answeredAfterMs, lastWriter, nowOffsetMs }) => {
    const job: JobFacts = {
      number,
      status,
      expiresAt: expiresAtFor(createdAt),
      firstResponseAt:
        answeredAfterMs === null ? null : new Date(createdAt.getTime() + answeredAfterMs),
      lastWriter,
    };
    return { job, now: new Date(createdAt.getTime() + nowOffsetMs) };
  });

/** One step of a job's life: an action after some time, maybe with a message in between. */
const step = fc.record({
  action,
  advance: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 * HOUR }) },
    { weight: 1, arbitrary: fc.constant('to_deadline' as const) },
    { weight: 1, arbitrary: fc.constant('past_deadline' as const) },
  ),
  writerChange: fc.option(writer, { nil: undefined }),
});

/** Every edge (from, action, to) the spec allows, for any context; built from the hand table. */
function specEdges(): Set<string> {
  const edges = new Set<string>();
  const add = (from: JobStatus, a: JobAction, to: Expected) => {
    if (!to.startsWith('!')) edges.add(`${from} -${a}-> ${to}`);
  };
  for (const from of STATUSES) for (const a of ACTIONS) add(from, a, SPEC[from][a]);
  add('new', 'open', 'awaiting_response');
  add('inactive', 'reactivate', 'responded');
  add('inactive', 'reactivate', 'awaiting_response');
  for (const from of ['new', 'opened', 'awaiting_response'] as const)
    add(from, 'expire', 'expired');
  return edges;
}
const EDGES = specEdges();

describe('random lives of a job through decide()', () => {
  it('only ever make the moves the spec table gives, and refuse exactly as it says', () => {
    fc.assert(
      fc.property(
        status,
        instant,
        writer,
        fc.array(step, { minLength: 1, maxLength: 40 }),
        (start, createdAt, firstWriter, steps) => {
          let job: JobFacts = {
            number: 7,
            status: start,
            expiresAt: expiresAtFor(createdAt),
            firstResponseAt: null,
            lastWriter: firstWriter,
          };
          let now = createdAt.getTime();
          for (const { action: a, advance, writerChange } of steps) {
            if (advance === 'to_deadline') now = Math.max(now, job.expiresAt.getTime());
            else if (advance === 'past_deadline') now = Math.max(now, job.expiresAt.getTime() + 1);
            else now += advance;
            if (writerChange !== undefined) job = { ...job, lastWriter: writerChange };
            const at = new Date(now);

            const expected = expectedFor(job, a, at);
            expect(outcomeOf(job, a, at)).toBe(expected);
            if (expected.startsWith('!')) continue;

            const d = decide(job, a, at);
            const from = a === 'expire' ? job.status : effectiveStatus(job, at);
            expect(d.from).toBe(from);
            expect(EDGES.has(`${d.from} -${a}-> ${d.to}`)).toBe(true);
            expect(d.changed).toBe(d.from !== d.to);
            expect(d.setClosedAt).toBe(d.changed && CLOSED.has(d.to));
            expect(d.setFirstResponseAt).toBe(a === 'team_message' && job.firstResponseAt === null);
            expect(d.setOpenedAt).toBe(a === 'open');

            job = {
              ...job,
              status: d.to,
              firstResponseAt: d.setFirstResponseAt ? at : job.firstResponseAt,
              lastWriter:
                a === 'team_message'
                  ? 'team'
                  : a === 'merchant_message'
                    ? 'merchant'
                    : job.lastWriter,
            };
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agree with the spec for any single job, action and moment', () => {
    fc.assert(
      fc.property(jobAndNow, action, ({ job, now }, a) => {
        expect(outcomeOf(job, a, now)).toBe(expectedFor(job, a, now));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('expired jobs', () => {
  it('never change under any action, at any time', () => {
    fc.assert(
      fc.property(jobAndNow, action, ({ job, now }, a) => {
        const expired = { ...job, status: 'expired' as const };
        let to: JobStatus | undefined;
        try {
          to = decide(expired, a, now).to;
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(
            a === 'expire' ? 'already_in_state' : 'job_expired',
          );
          return;
        }
        expect(a).toBe('merchant_message');
        expect(to).toBe('expired');
        expect(decide(expired, a, now).changed).toBe(false);
      }),
    );
  });

  it('a job past its deadline moves only to expired, and only by the clock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('new' as const, 'opened' as const, 'awaiting_response' as const),
        instant,
        fc.integer({ min: 0, max: 10_000 * HOUR }),
        writer,
        action,
        (s, createdAt, overdue, lastWriter, a) => {
          const expiresAt = expiresAtFor(createdAt);
          const job: JobFacts = {
            number: 5,
            status: s,
            expiresAt,
            firstResponseAt: null,
            lastWriter,
          };
          const now = new Date(expiresAt.getTime() + overdue);
          expect(effectiveStatus(job, now)).toBe('expired');
          if (a === 'expire') {
            expect(decide(job, a, now)).toMatchObject({ from: s, to: 'expired', changed: true });
          } else if (a === 'merchant_message') {
            expect(decide(job, a, now)).toMatchObject({ to: 'expired', changed: false });
          } else {
            expect(outcomeOf(job, a, now)).toBe('!job_expired');
          }
        },
      ),
    );
  });
});

describe('a job the team has answered', () => {
  it('never expires, at any time', () => {
    fc.assert(
      fc.property(
        status.filter((s) => s !== 'expired'),
        instant,
        instant,
        fc.integer({ min: 0, max: 10_000 * HOUR }),
        writer,
        action,
        (s, createdAt, answeredAt, later, lastWriter, a) => {
          const job: JobFacts = {
            number: 3,
            status: s,
            expiresAt: expiresAtFor(createdAt),
            firstResponseAt: answeredAt,
            lastWriter,
          };
          const now = new Date(createdAt.getTime() + later);
          expect(isPastDeadline(job, now)).toBe(false);
          expect(effectiveStatus(job, now)).toBe(s);
          expect(isAllowed(job, 'expire', now)).toBe(false);
          const result = outcomeOf(job, a, now);
          expect(result).not.toBe('expired');
          expect(result).not.toBe('!job_expired');
        },
      ),
    );
  });
});

describe('isAllowed', () => {
  it('agrees with decide', () => {
    fc.assert(
      fc.property(jobAndNow, action, ({ job, now }, a) => {
        let decided: boolean;
        try {
          decide(job, a, now);
          decided = true;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          decided = false;
        }
        expect(isAllowed(job, a, now)).toBe(decided);
        expect(isAllowed(job, a, now)).toBe(!expectedFor(job, a, now).startsWith('!'));
      }),
      { numRuns: 2000 },
    );
  });
});
