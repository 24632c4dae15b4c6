import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../http/read-body.ts';
import { sendJson } from '../../http/send-json.ts';
import type { IngestEmailResult } from '../../services/email/inbound-email.ts';
import { MAX_EMAIL_BYTES } from '../inbound.ts';

export type DoorLog = (level: 'warn' | 'error', msg: string, fields?: object) => void;

export { sendJson };

/**
 * Email webhooks carry the raw message, base64 attachments and form framing: the email limit
 * (10 MiB) plus room for that encoding.
 */
export const MAX_EMAIL_REQUEST_BYTES = Math.ceil(MAX_EMAIL_BYTES * 1.4) + 64 * 1024;

/** The body, or undefined when it was answered already (413, or the client went away). */
export async function readEmailRequest(
  req: IncomingMessage,
  res: ServerResponse,
  log: DoorLog,
  limit = MAX_EMAIL_REQUEST_BYTES,
): Promise<Buffer | undefined> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
    return undefined;
  }
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendJson(res, 413, { error: 'body_too_large', limit_bytes: limit }, { Connection: 'close' });
      req.resume();
      return undefined;
    }
    log('warn', 'email request body unreadable', { error: (error as Error).message });
    res.destroy();
    return undefined;
  }
}

export function answerIngested(res: ServerResponse, result: IngestEmailResult): void {
  sendJson(res, result.outcome === 'accepted' ? 202 : 200, {
    outcome: result.outcome,
    kind: result.kind,
    ...(result.job && { job: result.job }),
  });
}

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Runs a door's work, answering 500 (and logging without the email) if it throws. */
export function guarded(
  log: DoorLog,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('error', 'email request failed', { error: (error as Error).message });
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'internal_error' });
    });
  };
}
