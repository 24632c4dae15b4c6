import { describe, expect, it } from 'vitest';
import {
  type IntakeEvent,
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
  parseIntakeEvent,
} from '../../src/services/intake/events.ts';
import {
  jobCreatedWire,
  jobDeclinedWire,
  messageReceivedWire,
  proposalAcceptedWire,
} from './intake-fixtures.ts';

function accepted(json: unknown): IntakeEvent {
  const result = parseIntakeEvent(json);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.event;
}

function problems(json: unknown) {
  const result = parseIntakeEvent(json);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const paths = (json: unknown) => problems(json).map((problem) => problem.path);

function jobCreated(change: (data: ReturnType<typeof jobCreatedWire>['data']) => void) {
  const wire = jobCreatedWire();
  change(wire.data);
  return wire;
}

const jobOf = (event: IntakeEvent) => {
  if (event.type !== 'job.created') throw new Error(`got ${event.type}`);
  return event.data;
};

describe('parseIntakeEvent: the DESIGN §3 example', () => {
  const example = {
    id: 'evt_01',
    type: 'job.created',
    occurred_at: '2026-11-27T10:00:00Z',
    data: {
      job: {
        id: 'job_123',
        title: 'Speed up my theme',
        description: '…',
        service: 'Theme customization',
        budget: { amount: '500.00', currency: 'USD' },
        created_at: '2026-11-27T09:59:00Z',
      },
      merchant: {
        id: 'm_1',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        store: { domain: 'ada.myshopify.com', name: "Ada's" },
        dropshipper: false,
      },
      conversation: { id: 'conv_9' },
    },
  };

  it('parses to camelCase with Dates', () => {
    const data = jobOf(accepted(example));
    expect(data.job.createdAt).toEqual(new Date('2026-11-27T09:59:00Z'));
    expect(data.job.budget).toEqual({ amount: '500.00', currency: 'USD' });
    expect(data.merchant.store).toEqual({ domain: 'ada.myshopify.com', name: "Ada's" });
  });

  it('parses every event type of the fixtures', () => {
    for (const wire of [
      jobCreatedWire(),
      messageReceivedWire(),
      proposalAcceptedWire('new'),
      proposalAcceptedWire('existing'),
      jobDeclinedWire(),
    ]) {
      expect(accepted(wire).type).toBe(wire.type);
    }
  });
});

describe('parseIntakeEvent: optional fields', () => {
  it('accepts a job and merchant with only the required fields', () => {
    const data = jobOf(
      accepted(
        jobCreated((d) => {
          const { description: _d, budget: _b, ...job } = d.job;
          const { email: _e, dropshipper: _s, ...merchant } = d.merchant;
          Object.assign(d, {
            job,
            merchant: { ...merchant, store: { domain: 'ada.myshopify.com' } },
          });
        }),
      ),
    );
    expect(data.job.description).toBeUndefined();
    expect(data.job.budget).toBeUndefined();
    expect(data.merchant.email).toBeUndefined();
    expect(data.merchant.store.name).toBeUndefined();
    expect(data.merchant.dropshipper).toBeUndefined();
  });

  it('treats null and blank optional fields as absent', () => {
    const data = jobOf(
      accepted(
        jobCreated((d) => {
          Object.assign(d.job, { description: '   ', budget: null });
          Object.assign(d.merchant, { email: '', dropshipper: null });
          Object.assign(d.merchant.store, { name: null });
        }),
      ),
    );
    expect(data.job.description).toBeUndefined();
    expect(data.job.budget).toBeUndefined();
    expect(data.merchant.email).toBeUndefined();
    expect(data.merchant.store.name).toBeUndefined();
    expect(data.merchant.dropshipper).toBeUndefined();
  });

  it('accepts a decline without a reason', () => {
    const wire = jobDeclinedWire();
    const event = accepted({ ...wire, data: { job: wire.data.job } });
    expect(event.data).toEqual({ job: { id: 'job_123' } });
  });
});

describe('parseIntakeEvent: normalisation', () => {
  it('turns a numeric amount into a decimal string and upper-cases the currency', () => {
    const data = jobOf(
      accepted(
        jobCreated((d) => {
          Object.assign(d.job, { budget: { amount: 499.5, currency: 'eur' } });
        }),
      ),
    );
    expect(data.job.budget).toEqual({ amount: '499.5', currency: 'EUR' });
  });

  it('reduces a pasted store URL to its host', () => {
    const data = jobOf(
      accepted(
        jobCreated((d) => {
          d.merchant.store.domain = ' https://Ada.MyShopify.com/ ';
        }),
      ),
    );
    expect(data.merchant.store.domain).toBe('ada.myshopify.com');
  });

  it('trims ids and titles but keeps the whitespace of free text', () => {
    const data = jobOf(
      accepted(
        jobCreated((d) => {
          d.job.id = ' job_123 ';
          d.job.title = '  Speed up my theme ';
          d.job.description = '  Line one\n\n  line two  ';
        }),
      ),
    );
    expect(data.job.id).toBe('job_123');
    expect(data.job.title).toBe('Speed up my theme');
    expect(data.job.description).toBe('  Line one\n\n  line two  ');
  });

  it('reads an offset timestamp as the right instant', () => {
    const event = accepted({ ...jobCreatedWire(), occurred_at: '2026-11-27T12:30:00.250+02:30' });
    expect(event.occurredAt.toISOString()).toBe('2026-11-27T10:00:00.250Z');
  });
});

describe('parseIntakeEvent: problems', () => {
  it.each([
    ['a timestamp without offset', '2026-11-27T10:00:00'],
    ['an impossible date', '2026-02-30T10:00:00Z'],
    ['a date only', '2026-11-27'],
    ['unix seconds', 1_790_000_000],
  ])('refuses %s as occurred_at', (_name, occurredAt) => {
    expect(problems({ ...jobCreatedWire(), occurred_at: occurredAt })).toEqual([
      { path: 'occurred_at', message: expect.stringContaining('ISO 8601') },
    ]);
  });

  it.each([
    ['negative', '-5.00'],
    ['a negative number', -5],
    ['with a thousands separator', '1,000.00'],
    ['with a currency sign', '$500'],
    ['empty', ''],
  ])('refuses an amount that is %s', (_name, amount) => {
    const wire = jobCreated((d) => {
      Object.assign(d.job, { budget: { amount, currency: 'USD' } });
    });
    expect(paths(wire)).toEqual(['data.job.budget.amount']);
  });

  it('says "required" for a missing field, in wire terms', () => {
    const wire = jobCreated((d) => {
      Object.assign(d.job, { created_at: undefined, budget: { currency: 'USD' } });
    });
    const { occurred_at: _o, ...withoutOccurredAt } = JSON.parse(JSON.stringify(wire));
    expect(problems(withoutOccurredAt)).toEqual([
      { path: 'occurred_at', message: 'required' },
      { path: 'data.job.budget.amount', message: 'required' },
      { path: 'data.job.created_at', message: 'required' },
    ]);

    const proposal = proposalAcceptedWire('new');
    const { store_choice: _s, ...data } = proposal.data;
    expect(problems({ ...proposal, data })).toEqual([
      { path: 'data.store_choice', message: 'required' },
    ]);
  });

  it('lists every problem of an event at once', () => {
    const wire = jobCreated((d) => {
      Object.assign(d.job, { title: '', service: 42 });
      Object.assign(d.merchant, { email: 'ada(at)example.com', dropshipper: 'yes' });
      Object.assign(d.merchant.store, { domain: 'not a domain' });
      Object.assign(d, { conversation: undefined });
    });
    expect(paths({ ...wire, id: '' }).sort()).toEqual([
      'data.conversation',
      'data.job.service',
      'data.job.title',
      'data.merchant.dropshipper',
      'data.merchant.email',
      'data.merchant.store.domain',
      'id',
    ]);
  });

  it('refuses a whitespace-only message body', () => {
    const wire = messageReceivedWire();
    wire.data.message.body = ' \n ';
    expect(paths(wire)).toEqual(['data.message.body']);
  });

  it('explains why an existing store needs a job', () => {
    const wire = proposalAcceptedWire('new');
    const [problem] = problems({ ...wire, data: { ...wire.data, store_choice: 'existing' } });
    expect(problem).toEqual({ path: 'data.job', message: expect.stringContaining('"existing"') });
  });

  it('checks the job of an existing-store proposal like a created job', () => {
    const wire = proposalAcceptedWire('existing');
    Object.assign(wire.data.job ?? {}, { created_at: 'tomorrow' });
    expect(paths(wire)).toEqual(['data.job.created_at']);
  });
});

describe('parseIntakeEvent: the envelope', () => {
  it('gives one clear problem for an unknown type and still checks the rest', () => {
    expect(problems({ type: 'job.updated', occurred_at: 'now', data: {} })).toEqual([
      {
        path: 'type',
        message:
          'unsupported type "job.updated"; supported types: job.created, message.received, proposal.accepted, job.declined',
      },
      { path: 'id', message: 'required' },
      { path: 'occurred_at', message: expect.stringContaining('ISO 8601') },
    ]);
  });

  it('names the supported types when the type is missing or not a string', () => {
    const { type: _t, ...untyped } = jobCreatedWire();
    expect(problems(untyped)).toEqual([
      { path: 'type', message: expect.stringMatching(/^required; supported types: job.created/) },
    ]);
    expect(problems({ ...untyped, type: 7 })).toEqual([
      { path: 'type', message: expect.stringMatching(/^expected a string; supported types/) },
    ]);
  });

  it.each([
    ['an array', []],
    ['a string', 'job.created'],
    ['null', null],
  ])('refuses %s as the body with the root path', (_name, json) => {
    expect(paths(json)).toEqual(['']);
  });

  it('refuses a missing data object', () => {
    const { data: _d, ...bare } = jobDeclinedWire();
    expect(paths(bare)).toEqual(['data']);
  });
});

describe('parseIntakeEvent: limits', () => {
  const long = (n: number) => 'x'.repeat(n);
  type Wire = ReturnType<typeof jobCreatedWire>;

  it.each<[string, (wire: Wire) => void, string]>([
    ['id', (wire) => Object.assign(wire, { id: long(MAX_ID_CHARS + 1) }), 'id'],
    [
      'job title',
      (wire) => Object.assign(wire.data.job, { title: long(MAX_TITLE_CHARS + 1) }),
      'data.job.title',
    ],
    [
      'job description',
      (wire) => Object.assign(wire.data.job, { description: long(MAX_TEXT_CHARS + 1) }),
      'data.job.description',
    ],
    [
      'service',
      (wire) => Object.assign(wire.data.job, { service: long(MAX_NAME_CHARS + 1) }),
      'data.job.service',
    ],
    [
      'merchant name',
      (wire) => Object.assign(wire.data.merchant, { name: long(MAX_NAME_CHARS + 1) }),
      'data.merchant.name',
    ],
  ])('refuses an over-long %s', (_name, change, path) => {
    const wire = jobCreatedWire();
    change(wire);
    expect(paths(wire)).toEqual([path]);
  });

  it('takes text right at the limits', () => {
    const wire = jobCreated((d) => {
      d.job.title = long(MAX_TITLE_CHARS);
      d.job.description = long(MAX_TEXT_CHARS);
      d.merchant.name = long(MAX_NAME_CHARS);
    });
    expect(accepted({ ...wire, id: long(MAX_ID_CHARS) }).id).toHaveLength(MAX_ID_CHARS);
  });
});
