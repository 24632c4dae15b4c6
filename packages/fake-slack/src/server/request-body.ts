// Decoding Web API requests the way Slack does: form-encoded (what @slack/web-api sends, with
// blocks/view as JSON strings) or JSON with a Bearer token; the token may also be a form field.

import type { IncomingMessage } from 'node:http';
import type { JsonObject } from './types.ts';

/** Form fields that carry JSON; left as strings when they do not parse, so validation reports them. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export interface ApiRequest {
  args: JsonObject;
  token?: string;
  /** Set when the body could not be decoded at all. */
  malformed?: string;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function decodeForm(raw: string, into: JsonObject): void {
  for (const [key, value] of new URLSearchParams(raw)) {
    if (!JSON_FIELDS.has(key)) {
      into[key] = value;
      continue;
    }
    try {
      into[key] = JSON.parse(value);
    } catch {
      into[key] = value;
    }
  }
}

export function parseApiRequest(req: IncomingMessage, raw: string): ApiRequest {
  const args: JsonObject = {};
  const query = new URL(req.url ?? '/', 'http://fake').search;
  decodeForm(query.slice(1), args);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/json')) {
    let body: unknown;
    try {
      body = raw === '' ? {} : JSON.parse(raw);
    } catch {
      return { args, malformed: 'invalid_json' };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { args, malformed: 'invalid_json' };
    }
    Object.assign(args, body);
  } else if (raw !== '') {
    decodeForm(raw, args);
  }
  const token = bearer(req) ?? (typeof args.token === 'string' ? args.token : undefined);
  delete args.token;
  return token === undefined ? { args } : { args, token };
}
