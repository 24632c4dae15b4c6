import { describe, expect, it } from 'vitest';
import {
  DomainError,
  decide,
  effectiveStatus,
  isAllowed,
  JOB_ACTIONS,
  JOB_STATUSES,
  type JobAction,
  type JobFacts,
  type JobStatus,
} from '../../src/domain/index.ts';
import {
  ACTIONS,
  CLOCK_STATUSES,
  CLOSED,
  type Expected,
  expectedFor,
  outcomeOf,
  SPEC,
  STATUSES,
} from './spec-table.ts';

const EXPIRES = new Date('2026-11-30T14:05:00Z');
const BEFORE = new Date('2026-11-28T10:00:00Z');
const ANSWERED = new Date('2026-11-27T15:00:00Z');
const HOUR = 60 * 60 * 1000;

function job(status: JobStatus, over: Partial<JobFacts> = {}): JobFacts {
  return {
    number: 12,
    status,
    expiresAt: EXPIRES,
    firstResponseAt: null,
    lastWriter: null,
    ...over,
  };
}

function refusalOf(facts: JobFacts, action: JobAction, now: Date): DomainError {
  try {
    decide(facts, action, now);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${action} on ${facts.status} to be refused`);
}

const pairs = STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action })));

describe('the spec table covers the code', () => {
  it('has the same eight statuses as the domain', () => {
    expect([...JOB_STATUSES].sort()).toEqual([...STATUSES].sort());
  });

  it('has the same ten actions as the domain', () => {
    expect([...JOB_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });
});

describe('every (status, action) pair, before the deadline', () => {
  it.each(pairs.map(({ status, action }) => ({ status, action, expected: SPEC[status][action] })))(
    '$status + $action → $expected',
    ({ status, action, expected }) => {
      const facts = job(status);
      expect(outcomeOf(facts, action, BEFORE)).toBe(expected);
      if (!expected.startsWith('!')) {
        const d = decide(facts, action, BEFORE);
        expect(d.action).toBe(action);
        expect(d.from).toBe(status);
        expect(d.changed).toBe(expected !== status);
        expect(d.setClosedAt).toBe(expected !== status && CLOSED.has(expected as JobStatus));
        expect(d.setOpenedAt).toBe(action === 'open');
        expect(d.setFirstResponseAt).toBe(action === 'team_message');
        expect(isAllowed(facts, action, BEFORE)).toBe(true);
      } else {
        expect(isAllowed(facts, action, BEFORE)).toBe(false);
      }
    },
  );
});

describe('every (status, action) pair, once the deadline has passed without an answer', () => {
  // Clock statuses become expired: every action is refused as job_expired, except a merchant
  // message (stored, status unchanged) and the clock's own expire. Other statuses don't care.
  const cases = pairs.map(({ status, action }) => {
    const expected: Expected = CLOCK_STATUSES.has(status)
      ? action === 'expire'
        ? 'expired'
        : SPEC.expired[action]
      : SPEC[status][action];
    return { status, action, expected };
  });

  it.each(cases)('$status + $action at expiresAt → $expected', ({ status, action, expected }) => {
    expect(outcomeOf(job(status), action, EXPIRES)).toBe(expected);
    expect(outcomeOf(job(status), action, new Date(EXPIRES.getTime() + 5 * HOUR))).toBe(expected);
  });

  it.each(cases)(
    '$status + $action one ms early → as before the deadline',
    ({ status, action }) => {
      expect(outcomeOf(job(status), action, new Date(EXPIRES.getTime() - 1))).toBe(
        SPEC[status][action],
      );
    },
  );
});

describe('every (status, action) pair, past the deadline after the team answered', () => {
  const cases = pairs.map(({ status, action }) => {
    const facts = job(status, { firstResponseAt: ANSWERED });
    return { status, action, expected: expectedFor(facts, action, EXPIRES) };
  });

  it.each(cases)('$status + $action → $expected', ({ status, action, expected }) => {
    const later = new Date(EXPIRES.getTime() + 1000 * HOUR);
    expect(outcomeOf(job(status, { firstResponseAt: ANSWERED }), action, later)).toBe(expected);
  });

  it('never refuses as job_expired unless the job is stored expired', () => {
    for (const { status, expected } of cases) {
      if (status !== 'expired') expect(expected).not.toBe('!job_expired');
    }
  });
});

describe('open', () => {
  it.each([
    { lastWriter: 'merchant', firstResponseAt: null, expected: 'awaiting_response' },
    { lastWriter: 'team', firstResponseAt: null, expected: 'opened' },
    { lastWriter: null, firstResponseAt: null, expected: 'opened' },
    { lastWriter: 'merchant', firstResponseAt: ANSWERED, expected: 'opened' },
    { lastWriter: 'team', firstResponseAt: ANSWERED, expected: 'opened' },
  ] as const)(
    'new, last writer $lastWriter, first response $firstResponseAt → $expected',
    ({ lastWriter, firstResponseAt, expected }) => {
      const d = decide(job('new', { lastWriter, firstResponseAt }), 'open', BEFORE);
      expect(d.to).toBe(expected);
      expect(d.changed).toBe(true);
      expect(d.setOpenedAt).toBe(true);
      expect(d.setClosedAt).toBe(false);
    },
  );

  it.each(STATUSES.filter((s) => s !== 'new' && s !== 'expired'))(
    '%s: no change, but the view is recorded',
    (status) => {
      for (const lastWriter of ['merchant', 'team', null] as const) {
        const d = decide(job(status, { lastWriter }), 'open', BEFORE);
        expect(d.to).toBe(status);
        expect(d.changed).toBe(false);
        expect(d.setOpenedAt).toBe(true);
      }
    },
  );
});

describe('reactivate', () => {
  it.each([
    { lastWriter: 'team', expected: 'responded' },
    { lastWriter: 'merchant', expected: 'awaiting_response' },
    // Nobody wrote: back to where it was, a job seen and not answered.
    { lastWriter: null, expected: 'opened' },
  ] as const)('inactive, last writer $lastWriter → $expected', ({ lastWriter, expected }) => {
    for (const firstResponseAt of [null, ANSWERED]) {
      const d = decide(job('inactive', { lastWriter, firstResponseAt }), 'reactivate', BEFORE);
      expect(d).toMatchObject({
        from: 'inactive',
        to: expected,
        changed: true,
        setClosedAt: false,
      });
    }
  });
});

describe('team_message and first_response_at', () => {
  const writable = STATUSES.filter((s) => !SPEC[s].team_message.startsWith('!'));

  it('the spec lets the team write in new, opened, responded, awaiting, inactive, completed', () => {
    expect(writable).toEqual([
      'new',
      'opened',
      'responded',
      'awaiting_response',
      'inactive',
      'completed',
    ]);
  });

  it.each(writable)('%s: sets first_response_at when it is empty', (status) => {
    expect(decide(job(status), 'team_message', BEFORE).setFirstResponseAt).toBe(true);
  });

  it.each(writable)('%s: leaves first_response_at alone once set', (status) => {
    const d = decide(job(status, { firstResponseAt: ANSWERED }), 'team_message', BEFORE);
    expect(d.setFirstResponseAt).toBe(false);
    expect(d.to).toBe(SPEC[status].team_message);
  });

  it.each(ACTIONS.filter((a) => a !== 'team_message'))(
    '%s never sets first_response_at',
    (action) => {
      for (const status of STATUSES) {
        const facts = job(status);
        if (isAllowed(facts, action, BEFORE)) {
          expect(decide(facts, action, BEFORE).setFirstResponseAt).toBe(false);
        }
      }
    },
  );

  it('a reply just before the deadline stops the clock; one at the deadline is refused', () => {
    expect(decide(job('new'), 'team_message', new Date(EXPIRES.getTime() - 1)).to).toBe(
      'responded',
    );
    expect(refusalOf(job('new'), 'team_message', EXPIRES).code).toBe('job_expired');
  });
});

describe('closed statuses set closed_at', () => {
  const moves = pairs.filter(({ status, action }) => !SPEC[status][action].startsWith('!'));

  it.each(moves)('$status + $action', ({ status, action }) => {
    const d = decide(job(status), action, BEFORE);
    expect(d.setClosedAt).toBe(CLOSED.has(d.to) && d.to !== status);
  });

  it.each([
    ['decline', 'declined'],
    ['merchant_decline', 'declined'],
    ['mark_complete', 'completed'],
  ] as const)('%s closes an open job as %s', (action, to) => {
    expect(decide(job('opened'), action, BEFORE)).toMatchObject({ to, setClosedAt: true });
  });

  it('the clock closes a job as expired', () => {
    expect(decide(job('new'), 'expire', EXPIRES)).toMatchObject({
      from: 'new',
      to: 'expired',
      changed: true,
      setClosedAt: true,
    });
  });

  it('a message on a closed job does not close it again', () => {
    expect(decide(job('completed'), 'team_message', BEFORE).setClosedAt).toBe(false);
    expect(decide(job('declined'), 'merchant_message', BEFORE).setClosedAt).toBe(false);
    expect(decide(job('expired'), 'merchant_message', BEFORE).setClosedAt).toBe(false);
  });
});

describe('a job past its deadline is expired', () => {
  it.each([...CLOCK_STATUSES])('%s past expiresAt has effective status expired', (status) => {
    expect(effectiveStatus(job(status), EXPIRES)).toBe('expired');
    expect(effectiveStatus(job(status), new Date(EXPIRES.getTime() - 1))).toBe(status);
    expect(effectiveStatus(job(status, { firstResponseAt: ANSWERED }), EXPIRES)).toBe(status);
  });

  it.each([...CLOCK_STATUSES])('%s past expiresAt still takes a merchant message', (status) => {
    const d = decide(job(status), 'merchant_message', EXPIRES);
    expect(d).toMatchObject({ to: 'expired', changed: false, setClosedAt: false });
  });
});

describe('refusals read well', () => {
  it('job_expired names the job and the moment', () => {
    const error = refusalOf(job('expired'), 'team_message', BEFORE);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('job_expired');
    expect(error.message).toBe(
      "J-12 expired on 30 Nov at 14:05 UTC — expired jobs can't be acted on",
    );
    expect(error.details).toMatchObject({ ref: 'J-12', expiredAt: '2026-11-30T14:05:00.000Z' });
  });

  it('job_expired for a job past its deadline before the sweep names the deadline', () => {
    const later = new Date(EXPIRES.getTime() + 3 * HOUR);
    expect(refusalOf(job('opened'), 'assign', later).message).toBe(
      "J-12 expired on 30 Nov at 14:05 UTC — expired jobs can't be acted on",
    );
  });

  it('transition_not_allowed says what the job is and which jobs can do it', () => {
    const error = refusalOf(job('completed'), 'decline', BEFORE);
    expect(error.code).toBe('transition_not_allowed');
    expect(error.message).toBe(
      'J-12 is completed — only jobs that are new, opened, responded, awaiting response or inactive can be declined',
    );
  });

  it('transition_not_allowed for reactivate names inactive', () => {
    expect(refusalOf(job('responded'), 'reactivate', BEFORE).message).toBe(
      'J-12 is responded — only jobs that are inactive can be reactivated',
    );
  });

  it('already_in_state says so', () => {
    const error = refusalOf(job('declined'), 'decline', BEFORE);
    expect(error.code).toBe('already_in_state');
    expect(error.message).toBe('J-12 is already declined');
    expect(refusalOf(job('inactive'), 'mark_inactive', BEFORE).message).toBe(
      'J-12 is already inactive',
    );
  });

  it('deadline_not_reached says when the job expires', () => {
    const error = refusalOf(job('new'), 'expire', BEFORE);
    expect(error.code).toBe('deadline_not_reached');
    expect(error.message).toMatch(/^J-12 /);
    expect(error.message).toContain('30 Nov at 14:05 UTC');
  });

  it('expire on an answered job says the team has answered', () => {
    const error = refusalOf(job('opened', { firstResponseAt: ANSWERED }), 'expire', EXPIRES);
    expect(error.code).toBe('transition_not_allowed');
    expect(error.message).toMatch(/^J-12 /);
    expect(error.message).toContain('answered');
  });

  const refused = pairs.filter(({ status, action }) => SPEC[status][action].startsWith('!'));

  it.each(refused)('$status + $action: a sentence about J-12', ({ status, action }) => {
    const error = refusalOf(job(status), action, BEFORE);
    expect(error.message).toMatch(/^J-12 /);
    expect(error.message).not.toMatch(/undefined|null|NaN|_/);
    expect(error.message.length).toBeLessThan(200);
  });
});
