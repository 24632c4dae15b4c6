import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refusedValue } from '../../src/db/errors.ts';
import { createIntakeHandler, INTAKE_PATH } from '../../src/http/intake/route.ts';
import type { IngestResult } from '../../src/services/index.ts';
import type { IntakeEvent } from '../../src/services/intake/events.ts';
import {
  intakeHeaders,
  jobCreatedWire,
  listen,
  NOW,
  SECRET,
  type TestServer,
} from './intake-fixtures.ts';

// Issue 12, item 4: a write the database refuses for a reason the sender cannot fix by retrying
// is a 400 naming the field; a 500 only for our faults (and the retry works once they are gone).

const ingest = vi.fn<(event: IntakeEvent) => Promise<IngestResult>>();
let server: TestServer;

beforeAll(async () => {
  server = await listen(
    createIntakeHandler({
      secret: SECRET,
      ingest,
      now: () => NOW,
      wallClock: () => NOW,
      refusedValue,
      log: () => {},
    }),
  );
});
afterAll(() => server.close());

/** Drizzle's wrapper around the driver's error, as a failed insert throws it. */
function failedQuery(cause: Record<string, unknown>): Error {
  return Object.assign(new Error('Failed query: insert into "jobs" … params: ada@example.com'), {
    cause: Object.assign(new Error('the driver said no'), cause),
  });
}

async function send() {
  const body = JSON.stringify(jobCreatedWire());
  const response = await fetch(`${server.url}${INTAKE_PATH}`, {
    method: 'POST',
    headers: intakeHeaders(body),
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a value the database refuses', () => {
  it('is a 400 naming the column when Postgres names it', async () => {
    ingest.mockRejectedValueOnce(failedQuery({ code: '22001', column_name: 'title' }));
    const answer = await send();
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_input', field: 'title' });
    expect(String(answer.body.message)).toContain('title');
  });

  it('is a 400 without a field when Postgres does not say which', async () => {
    ingest.mockRejectedValueOnce(failedQuery({ code: '22P05' }));
    const answer = await send();
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_input');
  });

  it('a database that is away is a 500, and the same event then goes through', async () => {
    ingest.mockRejectedValueOnce(failedQuery({ code: '57P01' }));
    expect((await send()).status).toBe(500);
    ingest.mockResolvedValueOnce({ outcome: 'accepted' });
    expect((await send()).status).toBe(202);
  });
});
