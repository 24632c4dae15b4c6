import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createIntakeHandler,
  INTAKE_PATH,
  MAX_INTAKE_BODY_BYTES,
} from '../../src/http/intake/route.ts';
import type { IngestResult } from '../../src/services/index.ts';
import type { IntakeEvent } from '../../src/services/intake/events.ts';
import {
  intakeHeaders,
  jobCreatedWire,
  jobDeclinedWire,
  listen,
  messageReceivedWire,
  NOW,
  NOW_SECONDS,
  type PostOptions,
  proposalAcceptedWire,
  SECRET,
  type TestServer,
} from './intake-fixtures.ts';

const ingest = vi.fn<(event: IntakeEvent) => Promise<IngestResult>>();
const log = vi.fn<(level: 'warn' | 'error', msg: string, fields?: object) => void>();
let server: TestServer;

beforeAll(async () => {
  const handler = createIntakeHandler({
    secret: SECRET,
    ingest,
    now: () => NOW,
    wallClock: () => NOW,
    log,
  });
  server = await listen(handler);
});
afterAll(() => server.close());
beforeEach(() => {
  ingest.mockReset();
  ingest.mockResolvedValue({ outcome: 'accepted' });
  log.mockReset();
});

interface Answer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: JSON.parse(text) as Record<string, unknown>,
    text,
  };
}

async function post(payload: unknown, options: PostOptions = {}): Promise<Answer> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const response = await fetch(`${server.url}${INTAKE_PATH}`, {
    method: 'POST',
    headers: intakeHeaders(body, options),
    body,
  });
  return answer(response);
}

const ingested = (): IntakeEvent => {
  expect(ingest).toHaveBeenCalledTimes(1);
  return ingest.mock.calls[0]?.[0] as IntakeEvent;
};

const problemPaths = (result: Answer) =>
  (result.body.problems as { path: string }[]).map((problem) => problem.path);

describe('intake API: accepted events', () => {
  it('job.created reaches ingest in camelCase with Dates and answers 202', async () => {
    ingest.mockResolvedValue({ outcome: 'accepted', job: 'J-1' });
    const result = await post(jobCreatedWire());

    expect(result.status).toBe(202);
    expect(result.contentType).toMatch(/^application\/json/);
    expect(result.body).toEqual({ id: 'evt_01', outcome: 'accepted', job: 'J-1' });
    expect(ingested()).toEqual({
      id: 'evt_01',
      type: 'job.created',
      occurredAt: new Date('2026-11-27T10:00:00Z'),
      data: {
        job: {
          id: 'job_123',
          title: 'Speed up my theme',
          description: 'The home page takes 6 s to load.\nPlease help.',
          service: 'Theme customization',
          budget: { amount: '500.00', currency: 'USD' },
          createdAt: new Date('2026-11-27T09:59:00Z'),
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
    });
  });

  it('message.received keeps the offset instant and the job reference', async () => {
    const result = await post(messageReceivedWire());

    expect(result.status).toBe(202);
    const event = ingested();
    expect(event.type).toBe('message.received');
    if (event.type !== 'message.received') return;
    expect(event.occurredAt).toEqual(new Date('2026-11-27T09:05:00Z'));
    expect(event.data.job).toEqual({ id: 'job_123' });
    expect(event.data.message).toEqual({
      id: 'msg_1',
      body: 'Any news?',
      sentAt: new Date('2026-11-27T09:04:59Z'),
    });
  });

  it('message.received without a job is a conversation without a job', async () => {
    const wire = messageReceivedWire();
    const { job: _job, ...data } = wire.data;
    const result = await post({ ...wire, data });

    expect(result.status).toBe(202);
    const event = ingested();
    if (event.type !== 'message.received') throw new Error(`got ${event.type}`);
    expect(event.data.job).toBeUndefined();
    expect(event.data.conversation).toEqual({ id: 'conv_9' });
  });

  it('proposal.accepted with an existing store carries the job', async () => {
    const result = await post(proposalAcceptedWire('existing'));

    expect(result.status).toBe(202);
    const event = ingested();
    if (event.type !== 'proposal.accepted') throw new Error(`got ${event.type}`);
    expect(event.data.storeChoice).toBe('existing');
    expect(event.data.proposal).toEqual({
      id: 'prop_1',
      title: 'Theme speed audit',
      amount: '750.00',
      currency: 'EUR',
    });
    expect(event.data.job?.createdAt).toEqual(new Date('2026-11-27T09:59:00Z'));
  });

  it('proposal.accepted with a new store needs no job', async () => {
    const result = await post(proposalAcceptedWire('new'));

    expect(result.status).toBe(202);
    const event = ingested();
    if (event.type !== 'proposal.accepted') throw new Error(`got ${event.type}`);
    expect(event.data.storeChoice).toBe('new');
    expect(event.data.job).toBeUndefined();
  });

  it('job.declined carries the merchant reason', async () => {
    const result = await post(jobDeclinedWire());

    expect(result.status).toBe(202);
    expect(ingested()).toEqual({
      id: 'evt_04',
      type: 'job.declined',
      occurredAt: new Date('2026-11-27T10:20:00Z'),
      data: { job: { id: 'job_123' }, reason: 'Found another partner' },
    });
  });

  it('answers 200 for a duplicate', async () => {
    ingest.mockResolvedValue({ outcome: 'duplicate' });
    const result = await post(jobCreatedWire());

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ id: 'evt_01', outcome: 'duplicate' });
  });

  it("keeps the event id even if ingest's extra fields also say id", async () => {
    // Not a shape ingest returns: the route must hold even so.
    ingest.mockResolvedValue({ outcome: 'accepted', id: 'other', job: 'J-7' } as IngestResult);
    const result = await post(jobCreatedWire());

    expect(result.body).toEqual({ id: 'evt_01', outcome: 'accepted', job: 'J-7' });
  });

  it('ignores unknown extra fields at every level', async () => {
    const wire = jobCreatedWire();
    const result = await post({
      ...wire,
      version: 2,
      data: {
        ...wire.data,
        source: 'zapier',
        job: { ...wire.data.job, tags: ['speed'] },
        merchant: { ...wire.data.merchant, phone: '+1 555' },
      },
    });

    expect(result.status).toBe(202);
    const event = ingested();
    expect(event).not.toHaveProperty('version');
    expect(event.data).not.toHaveProperty('source');
    if (event.type !== 'job.created') throw new Error(`got ${event.type}`);
    expect(event.data.job).not.toHaveProperty('tags');
    expect(event.data.merchant).not.toHaveProperty('phone');
  });

  it('accepts application/json with a charset', async () => {
    const result = await post(jobCreatedWire(), { contentType: 'application/json; charset=UTF-8' });
    expect(result.status).toBe(202);
  });

  it('accepts a timestamp 4 minutes old', async () => {
    const result = await post(jobCreatedWire(), { timestamp: NOW_SECONDS - 240 });
    expect(result.status).toBe(202);
  });
});

describe('intake API: signatures', () => {
  const body = JSON.stringify(jobCreatedWire());
  const cases: [string, () => Promise<Response>][] = [
    [
      'a body changed after signing',
      () =>
        fetch(`${server.url}${INTAKE_PATH}`, {
          method: 'POST',
          headers: intakeHeaders(body),
          body: body.replace('Speed up', 'Slow down'),
        }),
    ],
    ['the wrong secret', () => send(body, { secret: 'not-the-secret' })],
    ['no timestamp header', () => send(body, { headers: { 'x-jobdesk-timestamp': undefined } })],
    ['no signature header', () => send(body, { headers: { 'x-jobdesk-signature': undefined } })],
    ['a garbled signature', () => send(body, { headers: { 'x-jobdesk-signature': 'v1=zzz' } })],
    ['a garbled timestamp', () => send(body, { headers: { 'x-jobdesk-timestamp': 'yesterday' } })],
    ['a timestamp 6 minutes old', () => send(body, { timestamp: NOW_SECONDS - 360 })],
    ['a timestamp 6 minutes ahead', () => send(body, { timestamp: NOW_SECONDS + 360 })],
  ];

  function send(text: string, options: PostOptions): Promise<Response> {
    return fetch(`${server.url}${INTAKE_PATH}`, {
      method: 'POST',
      headers: intakeHeaders(text, options),
      body: text,
    });
  }

  it.each(cases)('refuses %s with 401 and never ingests', async (_name, request) => {
    const result = await answer(await request());

    expect(result.status).toBe(401);
    expect(result.contentType).toMatch(/^application\/json/);
    expect(result.body.error).toBe('invalid_signature');
    expect(ingest).not.toHaveBeenCalled();
  });

  it('checks the signature before looking at the content', async () => {
    const result = await post('{not json', { secret: 'not-the-secret' });
    expect(result.status).toBe(401);
  });
});

describe('intake API: malformed requests', () => {
  it('answers 400 malformed_json for a body that is not JSON', async () => {
    const result = await post('{"id": "evt_01",');

    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: 'malformed_json' });
    expect(ingest).not.toHaveBeenCalled();
  });

  it('answers 400 malformed_json for a body that is not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"id":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await fetch(`${server.url}${INTAKE_PATH}`, {
      method: 'POST',
      headers: intakeHeaders(bytes),
      body: bytes,
    });

    const result = await answer(response);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: 'malformed_json' });
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['application/json; charset=iso-8859-1'],
  ])('answers 415 for Content-Type %s', async (contentType) => {
    const result = await post(jobCreatedWire(), { contentType });

    expect(result.status).toBe(415);
    expect(result.body.error).toBe('unsupported_media_type');
    expect(ingest).not.toHaveBeenCalled();
  });

  it('answers 405 to anything but POST', async () => {
    const result = await answer(await fetch(`${server.url}${INTAKE_PATH}`));
    expect(result.status).toBe(405);
  });
});

describe('intake API: schema violations', () => {
  const withJob = (change: (job: Record<string, unknown>) => void) => {
    const wire = jobCreatedWire();
    change(wire.data.job as unknown as Record<string, unknown>);
    return wire;
  };

  const cases: [string, unknown, string[]][] = [
    ['a missing id', { ...jobCreatedWire(), id: undefined }, ['id']],
    ['an unknown type', { ...jobCreatedWire(), type: 'job.exploded' }, ['type']],
    ['a bad occurred_at', { ...jobCreatedWire(), occurred_at: '27/11/2026' }, ['occurred_at']],
    [
      'a timestamp without offset',
      { ...jobCreatedWire(), occurred_at: '2026-11-27T10:00:00' },
      ['occurred_at'],
    ],
    ['a missing job.title', withJob((job) => delete job.title), ['data.job.title']],
    [
      'a bad job.created_at',
      withJob((job) => {
        job.created_at = 'soon';
      }),
      ['data.job.created_at'],
    ],
    [
      'a bad currency',
      withJob((job) => {
        job.budget = { amount: '500.00', currency: 'DOLLARS' };
      }),
      ['data.job.budget.currency'],
    ],
    [
      'a bad amount',
      withJob((job) => {
        job.budget = { amount: '1,000', currency: 'USD' };
      }),
      ['data.job.budget.amount'],
    ],
    [
      'store_choice existing without a job',
      (() => {
        const wire = proposalAcceptedWire('new');
        return { ...wire, data: { ...wire.data, store_choice: 'existing' } };
      })(),
      ['data.job'],
    ],
    [
      'a bad store_choice',
      (() => {
        const wire = proposalAcceptedWire('new');
        return { ...wire, data: { ...wire.data, store_choice: 'maybe' } };
      })(),
      ['data.store_choice'],
    ],
    [
      'a message without a body',
      (() => {
        const wire = messageReceivedWire();
        const { body: _body, ...message } = wire.data.message;
        return { ...wire, data: { ...wire.data, message } };
      })(),
      ['data.message.body'],
    ],
    ['a body that is an array', [jobCreatedWire()], ['']],
  ];

  it.each(cases)('answers 400 for %s, naming the path', async (_name, payload, paths) => {
    const result = await post(payload);

    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_event');
    expect(problemPaths(result)).toEqual(paths);
    expect(ingest).not.toHaveBeenCalled();
  });

  it('lists every problem at once', async () => {
    const wire = proposalAcceptedWire('new');
    const result = await post({
      ...wire,
      occurred_at: 'now',
      data: {
        ...wire.data,
        store_choice: 'existing',
        merchant: { ...wire.data.merchant, email: 'not-an-email' },
        proposal: { ...wire.data.proposal, currency: 'E' },
      },
    });

    expect(result.status).toBe(400);
    expect(problemPaths(result).sort()).toEqual([
      'data.job',
      'data.merchant.email',
      'data.proposal.currency',
      'occurred_at',
    ]);
  });

  it('names the supported types when the type is unknown', async () => {
    const result = await post({ ...jobCreatedWire(), type: 'job.updated' });

    expect(result.body.problems).toEqual([
      {
        path: 'type',
        message: expect.stringContaining(
          'job.created, message.received, proposal.accepted, job.declined',
        ),
      },
    ]);
  });
});

describe('intake API: body size', () => {
  const oversized = () => {
    const wire = jobCreatedWire();
    wire.data.job.description = 'x'.repeat(MAX_INTAKE_BODY_BYTES);
    return JSON.stringify(wire);
  };

  it('refuses a declared Content-Length over the limit with 413', async () => {
    const result = await post(oversized());

    expect(result.status).toBe(413);
    expect(result.body).toEqual({ error: 'body_too_large', limit_bytes: MAX_INTAKE_BODY_BYTES });
    expect(ingest).not.toHaveBeenCalled();
  });

  it('refuses a chunked body that grows over the limit with 413', async () => {
    const text = oversized();
    const bytes = new TextEncoder().encode(text);
    const chunkSize = 16 * 1024;
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.subarray(offset, offset + chunkSize));
        offset += chunkSize;
      },
    });
    const response = await fetch(`${server.url}${INTAKE_PATH}`, {
      method: 'POST',
      headers: intakeHeaders(text),
      body: stream,
      duplex: 'half',
    } as RequestInit);

    const result = await answer(response);
    expect(result.status).toBe(413);
    expect(ingest).not.toHaveBeenCalled();
  });

  it('takes a body of exactly the limit and refuses one byte more', async () => {
    const limit = 4096;
    const small = await listen(
      createIntakeHandler({
        secret: SECRET,
        ingest,
        now: () => NOW,
        wallClock: () => NOW,
        log,
        maxBodyBytes: limit,
      }),
    );
    try {
      const base = JSON.stringify(jobCreatedWire());
      const exact = base.padEnd(limit, ' ');
      const over = `${exact} `;
      const postTo = (text: string) =>
        fetch(`${small.url}${INTAKE_PATH}`, {
          method: 'POST',
          headers: intakeHeaders(text),
          body: text,
        });

      expect((await postTo(exact)).status).toBe(202);
      expect((await postTo(over)).status).toBe(413);
      expect(ingest).toHaveBeenCalledTimes(1);
    } finally {
      await small.close();
    }
  });

  it('documents the limit as 256 KiB', () => {
    expect(MAX_INTAKE_BODY_BYTES).toBe(262_144);
  });
});

describe('intake API: ingest failures', () => {
  it('answers 500 without leaking the error, and logs it with the stack', async () => {
    ingest.mockRejectedValue(new Error('connection refused to db.internal:5432'));
    const result = await post(jobCreatedWire());

    expect(result.status).toBe(500);
    expect(result.body).toEqual({ error: 'internal_error' });
    expect(result.text).not.toContain('db.internal');
    expect(result.text).not.toContain('at ');
    expect(log).toHaveBeenCalledWith(
      'error',
      'intake ingest failed',
      expect.objectContaining({
        id: 'evt_01',
        error: 'connection refused to db.internal:5432',
        stack: expect.stringContaining('Error: connection refused'),
      }),
    );
  });

  it("answers 400 with the message of an 'invalid_input' error", async () => {
    const refusal = Object.assign(new Error('job job_123 is not known'), { code: 'invalid_input' });
    ingest.mockRejectedValue(refusal);
    const result = await post(jobDeclinedWire());

    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: 'invalid_input', message: 'job job_123 is not known' });
  });

  it("also maps a plain object with code 'invalid_input' to 400", async () => {
    ingest.mockRejectedValue({ code: 'invalid_input', message: 'conversation conv_9 has a job' });
    const result = await post(jobCreatedWire());

    expect(result.status).toBe(400);
    expect(result.body.message).toBe('conversation conv_9 has a job');
  });

  it('answers 500 when ingest returns an outcome it does not know', async () => {
    ingest.mockResolvedValue({ outcome: 'queued' } as unknown as IngestResult);
    const result = await post(jobCreatedWire());

    expect(result.status).toBe(500);
    expect(result.body).toEqual({ error: 'internal_error' });
  });
});
