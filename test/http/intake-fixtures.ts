import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedIntakeHeaders } from '../../src/http/intake/signed-post.ts';

export const SECRET = 'intake-test-secret';
export const NOW = new Date('2026-11-27T10:00:30Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

// Wire-format payloads exactly as DESIGN §3 shows them; tests clone and bend them.
export const merchantWire = () => ({
  id: 'm_1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  store: { domain: 'ada.myshopify.com', name: "Ada's" },
  dropshipper: false,
});

export const jobWire = () => ({
  id: 'job_123',
  title: 'Speed up my theme',
  description: 'The home page takes 6 s to load.\nPlease help.',
  service: 'Theme customization',
  budget: { amount: '500.00', currency: 'USD' },
  created_at: '2026-11-27T09:59:00Z',
});

export const jobCreatedWire = () => ({
  id: 'evt_01',
  type: 'job.created',
  occurred_at: '2026-11-27T10:00:00Z',
  data: { job: jobWire(), merchant: merchantWire(), conversation: { id: 'conv_9' } },
});

export const messageReceivedWire = () => ({
  id: 'evt_02',
  type: 'message.received',
  occurred_at: '2026-11-27T10:05:00+01:00',
  data: {
    conversation: { id: 'conv_9' },
    job: { id: 'job_123' },
    merchant: merchantWire(),
    message: { id: 'msg_1', body: 'Any news?', sent_at: '2026-11-27T10:04:59+01:00' },
  },
});

export const proposalAcceptedWire = (storeChoice: 'new' | 'existing' = 'existing') => ({
  id: 'evt_03',
  type: 'proposal.accepted',
  occurred_at: '2026-11-27T10:10:00Z',
  data: {
    conversation: { id: 'conv_9' },
    merchant: merchantWire(),
    proposal: { id: 'prop_1', title: 'Theme speed audit', amount: '750.00', currency: 'EUR' },
    store_choice: storeChoice,
    ...(storeChoice === 'existing' ? { job: jobWire() } : {}),
  },
});

export const jobDeclinedWire = () => ({
  id: 'evt_04',
  type: 'job.declined',
  occurred_at: '2026-11-27T10:20:00Z',
  data: { job: { id: 'job_123' }, reason: 'Found another partner' },
});

export interface PostOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string | undefined>;
  contentType?: string;
}

/** Signs `body` like an intake sender; `headers` can override or (with undefined) drop any. */
export function intakeHeaders(
  body: Buffer | string,
  options: PostOptions = {},
): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    ...signedIntakeHeaders(options.secret ?? SECRET, body, {
      timestampSeconds: options.timestamp ?? NOW_SECONDS,
      contentType: options.contentType,
    }),
    ...options.headers,
  };
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export interface TestServer {
  url: string;
  close: () => Promise<void>;
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
