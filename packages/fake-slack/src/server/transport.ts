// The HTTP side of the fake: routes `/api/<method>` and `/response/<id>`, checks the token,
// injects faults, records every call, and answers with Slack's status codes and bodies.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallLog } from './call-log.ts';
import type { FaultPlan } from './faults.ts';
import { API_METHODS } from './methods/index.ts';
import { type ApiContext, type ApiResult, fail } from './methods/result.ts';
import type { ChannelRateLimit } from './rate-limit.ts';
import { parseApiRequest, readBody } from './request-body.ts';
import type { ResponseUrls } from './response-urls.ts';
import type { CallRecord, JsonObject } from './types.ts';

export interface TransportDeps {
  ctx: ApiContext;
  responses: ResponseUrls;
  faults: FaultPlan;
  log: CallLog;
  /** Slack's per-channel posting limit, when it is turned on. */
  rateLimit?: () => ChannelRateLimit | undefined;
}

interface Answer {
  status: number;
  body: ApiResult | string;
  headers?: Record<string, string>;
}

function write(res: ServerResponse, answer: Answer): void {
  if (res.writableEnded || res.destroyed) return;
  const isJson = typeof answer.body !== 'string';
  res.writeHead(answer.status, {
    'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    ...answer.headers,
  });
  res.end(isJson ? JSON.stringify(answer.body) : answer.body);
}

function callApi(
  { ctx }: TransportDeps,
  method: string,
  req: IncomingMessage,
  raw: string,
): Answer {
  const request = parseApiRequest(req, raw);
  if (request.malformed) return { status: 200, body: fail(request.malformed) };
  const handler = API_METHODS[method];
  if (!handler) return { status: 200, body: fail('unknown_method') };
  if (request.token === undefined) return { status: 200, body: fail('not_authed') };
  if (request.token !== ctx.ws.identity.botToken)
    return { status: 200, body: fail('invalid_auth') };
  return { status: 200, body: handler(ctx, request.args) };
}

/** response_url bodies are JSON (Bolt's respond()) or a form with a `payload` field. */
function parseResponseBody(req: IncomingMessage, raw: string): JsonObject | undefined {
  try {
    const isForm = (req.headers['content-type'] ?? '').startsWith(
      'application/x-www-form-urlencoded',
    );
    const json = isForm ? (new URLSearchParams(raw).get('payload') ?? '') : raw;
    const body: unknown = JSON.parse(json);
    return typeof body === 'object' && body !== null ? (body as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function callResponseUrl(
  deps: TransportDeps,
  id: string,
  req: IncomingMessage,
  raw: string,
): Answer {
  const body = parseResponseBody(req, raw);
  if (!body) return { status: 400, body: fail('invalid_payload') };
  const outcome = deps.responses.deliver(id, body, 'response_url');
  return { status: outcome.status, body: outcome.result };
}

function faultAnswer(fault: NonNullable<CallRecord['fault']>): Answer | undefined {
  if ('status' in fault) {
    const headers: Record<string, string> =
      fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
    const body =
      fault.status === 429 ? fail('ratelimited') : `fake Slack: injected HTTP ${fault.status}`;
    return { status: fault.status, body, headers };
  }
  if ('error' in fault) return { status: 200, body: fail(fault.error) };
  return undefined;
}

async function serve(
  deps: TransportDeps,
  method: string,
  args: JsonObject,
  res: ServerResponse,
  execute: () => Answer,
): Promise<void> {
  const record: CallRecord = { method, args, at: deps.ctx.ws.now(), status: 0, ok: false };
  let callerGone = false;
  res.on('close', () => {
    if (!res.writableEnded) callerGone = true;
  });
  const fault = deps.faults.take(method, record.at);
  if (fault) record.fault = fault;
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (callerGone) {
    // The app timed out and gave up; like a request Slack never received, it changes nothing.
    record.error = 'caller_gave_up';
    deps.log.add(record);
    return;
  }
  const retryAfter = fault ? undefined : deps.rateLimit?.()?.check(method, args, deps.ctx.ws.now());
  let answer: Answer;
  try {
    answer =
      (fault && faultAnswer(fault)) ||
      (retryAfter === undefined
        ? execute()
        : {
            status: 429,
            body: fail('ratelimited'),
            headers: { 'retry-after': String(retryAfter) },
          });
  } catch (error) {
    answer = {
      status: 500,
      body: `fake Slack bug: ${error instanceof Error ? error.stack : String(error)}`,
    };
  }
  record.status = answer.status;
  if (typeof answer.body !== 'string') {
    record.ok = answer.status === 200 && answer.body.ok;
    record.response = structuredClone(answer.body);
    if (answer.body.error) record.error = answer.body.error;
  } else if (answer.status !== 200) {
    record.error = `http_${answer.status}`;
  }
  // Record before answering, so the moment the app sees the answer the test can see the call.
  deps.log.add(record);
  write(res, answer);
}

async function route(
  deps: TransportDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const raw = await readBody(req);
  if (path.startsWith('/api/')) {
    const method = path.slice('/api/'.length);
    const { args } = parseApiRequest(req, raw);
    return serve(deps, method, args, res, () => callApi(deps, method, req, raw));
  }
  if (path.startsWith('/response/') && req.method === 'POST') {
    const id = path.slice('/response/'.length);
    const args = parseResponseBody(req, raw) ?? { raw };
    return serve(deps, 'response_url', { ...args, response_url_id: id }, res, () =>
      callResponseUrl(deps, id, req, raw),
    );
  }
  write(res, { status: 404, body: 'fake Slack: no such endpoint' });
}

export type SlackRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves `<mount>/api/<method>` and `<mount>/response/<id>`: on a server of its own (mount '')
 * or as routes of another server, such as jobdesk's own in the sandbox.
 */
export function createSlackHandler(deps: TransportDeps, mount = ''): SlackRequestHandler {
  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://fake').pathname;
    const path = pathname.startsWith(mount) ? pathname.slice(mount.length) : pathname;
    route(deps, req, res, path).catch((error: unknown) => {
      write(res, { status: 500, body: `fake Slack bug: ${String(error)}` });
    });
  };
}

export function createSlackServer(deps: TransportDeps): Server {
  return createServer(createSlackHandler(deps));
}
