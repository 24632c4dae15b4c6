import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver } from '@slack/bolt';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createIntakeHandler, INTAKE_PATH } from '../../src/http/intake/route.ts';
import { intakeHeaders, jobCreatedWire, NOW, SECRET } from './intake-fixtures.ts';

// The handler is meant for Bolt's own server; this proves Bolt leaves the raw body to us.
const ingest = vi.fn(async () => ({ outcome: 'accepted' as const }));
const receiver = new HTTPReceiver({
  signingSecret: 'slack-secret',
  customRoutes: [
    {
      path: INTAKE_PATH,
      method: ['POST'],
      handler: createIntakeHandler({
        secret: SECRET,
        ingest,
        now: () => NOW,
        wallClock: () => NOW,
        log: () => {},
      }),
    },
  ],
});
let url: string;

beforeAll(async () => {
  const server = (await receiver.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${INTAKE_PATH}`;
});
afterAll(() => receiver.stop());

it('accepts a signed event through an HTTPReceiver custom route', async () => {
  const body = JSON.stringify(jobCreatedWire());
  const response = await fetch(url, { method: 'POST', headers: intakeHeaders(body), body });

  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ id: 'evt_01', outcome: 'accepted' });
  expect(ingest).toHaveBeenCalledTimes(1);
});

it('refuses an unsigned event through the same route', async () => {
  const body = JSON.stringify(jobCreatedWire());
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

  expect(response.status).toBe(401);
});
