// The sandbox's HTTP side, mounted on jobdesk's own server as Bolt custom routes: the page and
// its assets, the page's reads and actions, and the Slack Web API jobdesk calls.

import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { z } from 'zod';
import { MailboxError, mailRequest } from './mailbox.ts';
import { MerchantError, merchantRequest } from './merchant.ts';
import { actRequest, clockRequest, stateQuery } from './requests.ts';
import { SANDBOX_PATH, type Sandbox, SandboxError } from './sandbox.ts';

const PAGE_DIR = new URL('./page/', import.meta.url);
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'sandbox.css': 'text/css; charset=utf-8',
  'sandbox.js': 'text/javascript; charset=utf-8',
};
const MAX_BODY = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SandboxError('request too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** Runs a JSON endpoint: parse, act, answer; a bad request is a 400 that says why. */
function json<T>(schema: z.ZodType<T>, run: (input: T) => Promise<unknown> | unknown) {
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      let input: T;
      try {
        const raw =
          req.method === 'GET'
            ? Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams)
            : await readJson(req);
        input = schema.parse(raw);
      } catch (error) {
        const message =
          error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
        sendJson(res, 400, { error: message });
        return;
      }
      try {
        sendJson(res, 200, await run(input));
      } catch (error) {
        const known =
          error instanceof SandboxError ||
          error instanceof MerchantError ||
          error instanceof MailboxError;
        sendJson(res, known ? 409 : 500, { error: (error as Error).message });
      }
    })();
  };
}

function asset(name: string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    readFile(new URL(name, PAGE_DIR))
      .then((body) => {
        res.writeHead(200, {
          'content-type': ASSETS[name] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
      });
  };
}

export function sandboxRoutes(sandbox: Sandbox): CustomRoute[] {
  const slack = (req: IncomingMessage, res: ServerResponse) => sandbox.handleSlack(req, res);
  return [
    { path: '/', method: ['GET'], handler: asset('index.html') },
    {
      path: '/favicon.ico',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(204);
        res.end();
      },
    },
    ...Object.keys(ASSETS).map((name) => ({
      path: `${SANDBOX_PATH}/page/${name}`,
      method: ['GET'],
      handler: asset(name),
    })),
    {
      path: `${SANDBOX_PATH}/state`,
      method: ['GET'],
      handler: json(stateQuery, (q) =>
        sandbox.state({
          as: q.as,
          pane: q.pane,
          thread: q.thread,
          timeZone: q.tz,
          locale: q.locale,
          ephemeralsAfter: q.ephemeralsAfter,
        }),
      ),
    },
    {
      path: `${SANDBOX_PATH}/stream`,
      method: ['GET'],
      handler: (_req, res) => sandbox.stream(res),
    },
    {
      path: `${SANDBOX_PATH}/act`,
      method: ['POST'],
      handler: json(actRequest, (r) => sandbox.act(r)),
    },
    {
      path: `${SANDBOX_PATH}/merchant`,
      method: ['POST'],
      handler: json(merchantRequest, (r) => sandbox.merchant(r)),
    },
    {
      path: `${SANDBOX_PATH}/mail`,
      method: ['GET'],
      handler: json(z.object({}), () => sandbox.mailbox.view()),
    },
    {
      path: `${SANDBOX_PATH}/mail/send`,
      method: ['POST'],
      handler: json(mailRequest, (r) => sandbox.mailbox.send(r)),
    },
    {
      path: `${SANDBOX_PATH}/clock`,
      method: ['POST'],
      handler: json(clockRequest, (r) =>
        'backToNow' in r ? sandbox.backToNow() : sandbox.jump(r.minutes * 60_000),
      ),
    },
    { path: `${SANDBOX_PATH}/api/:method`, method: ['GET', 'POST'], handler: slack },
    { path: `${SANDBOX_PATH}/response/:id`, method: ['POST'], handler: slack },
  ];
}
