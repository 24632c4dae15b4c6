import type { IncomingMessage, ServerResponse } from 'node:http';
import { cleanStringsInPlace } from '../../clean-text.ts';
import type { IngestResult } from '../../services/index.ts';
import { type IntakeEvent, parseIntakeEvent } from '../../services/intake/events.ts';
import { BodyTooLargeError, readBody } from '../read-body.ts';
import { sendJson } from '../send-json.ts';
import { verifyIntakeSignature } from './signature.ts';

export const INTAKE_PATH = '/intake/events';
export const TIMESTAMP_HEADER = 'x-jobdesk-timestamp';
export const SIGNATURE_HEADER = 'x-jobdesk-signature';

/**
 * 256 KiB: a job with a 50,000-character description fits even in 3-byte UTF-8 (CJK), while a
 * runaway sender cannot make us buffer megabytes per request.
 */
export const MAX_INTAKE_BODY_BYTES = 256 * 1024;

export interface IntakeHandlerDeps {
  secret: string;
  ingest: (event: IntakeEvent) => Promise<IngestResult>;
  /** The business clock: how far ahead a job's dates may be (the sandbox moves it). */
  now: () => Date;
  /** Real time: a signature's freshness is about replays, whatever the business clock says. */
  wallClock: () => Date;
  maxBodyBytes?: number;
  /**
   * Whether a failed ingest is the database refusing one of the event's values (too long, a
   * date out of range…): the sender gets a 400, since sending it again can never succeed.
   */
  refusedValue?: (error: unknown) => { code: string; column: string | undefined } | undefined;
  /** Refusals are `warn` (the sender's problem), failures `error` (ours). */
  log?: (level: 'warn' | 'error', msg: string, fields?: object) => void;
}

const STATUS_BY_OUTCOME = { accepted: 202, duplicate: 200 } as const;

// fatal: invalid UTF-8 is a malformed body, not something to paper over with U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [mediaType = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  // JSON is UTF-8 on the wire (RFC 8259); any other declared charset is a sender bug.
  const charset = params.find((param) => param.startsWith('charset='));
  if (charset === undefined) return true;
  const value = charset.slice('charset='.length).replace(/^"(.*)"$/, '$1');
  return value === 'utf-8' || value === 'utf8';
}

// Duck-typed on `code` so http needs no import of the domain's error class.
function isInvalidInput(error: unknown): error is { code: 'invalid_input'; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'invalid_input' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

// The stack goes to the log only; the sender gets a stable, uninformative 500 body.
function describe(error: unknown): { error: string; stack?: string } {
  return error instanceof Error
    ? { error: error.message, stack: error.stack }
    : { error: String(error) };
}

// `id` is the event's own: whatever else the result holds cannot replace it.
function extraFields(result: IngestResult): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(result).filter(([key]) => key !== 'id' && key !== 'outcome'),
  );
}

/**
 * Connection: close, because the unread rest of the upload must never be parsed as the next
 * request on a kept-alive socket, and reading megabytes only to reuse a connection is waste.
 * resume() discards what is already buffered instead of holding it until the socket closes.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  sendJson(res, 413, { error: 'body_too_large', limit_bytes: limit }, { Connection: 'close' });
  req.resume();
}

export function createIntakeHandler(
  deps: IntakeHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = deps.maxBodyBytes ?? MAX_INTAKE_BODY_BYTES;
  const log =
    deps.log ??
    ((_level: 'warn' | 'error', msg: string, fields?: object) => console.error(msg, fields ?? {}));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      return;
    }

    let raw: Buffer;
    try {
      raw = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        log('warn', 'intake body too large', {
          limitBytes: limit,
          declaredBytes: error.declaredBytes,
        });
        refuseTooLarge(req, res, limit);
        return;
      }
      // The client went away mid-body; there is nobody to answer.
      log('warn', 'intake body unreadable', { error: describe(error).error });
      res.destroy();
      return;
    }

    // Before anything else looks at the bytes: an unsigned request learns nothing but 401.
    const verdict = verifyIntakeSignature({
      secret: deps.secret,
      timestampHeader: req.headers[TIMESTAMP_HEADER],
      signatureHeader: req.headers[SIGNATURE_HEADER],
      rawBody: raw,
      now: deps.wallClock(),
    });
    if (!verdict.ok) {
      log('warn', 'intake signature refused', { reason: verdict.reason });
      sendJson(res, 401, { error: 'invalid_signature', message: verdict.reason });
      return;
    }

    if (!isJsonContentType(req.headers['content-type'])) {
      sendJson(res, 415, {
        error: 'unsupported_media_type',
        message: 'send the event as application/json',
      });
      return;
    }

    let json: unknown;
    try {
      // Cleaned here, once: a NUL or a lone surrogate in any field can't be stored (Postgres
      // refuses it), and the event is stored as sent as well as read.
      json = cleanStringsInPlace(JSON.parse(utf8.decode(raw)));
    } catch {
      sendJson(res, 400, { error: 'malformed_json' });
      return;
    }

    const parsed = parseIntakeEvent(json, deps.now());
    if (!parsed.ok) {
      sendJson(res, 400, { error: 'invalid_event', problems: parsed.problems });
      return;
    }

    const { event } = parsed;
    let result: IngestResult;
    try {
      result = await deps.ingest(event);
    } catch (error) {
      if (isInvalidInput(error)) {
        log('warn', 'intake event refused', {
          id: event.id,
          type: event.type,
          message: error.message,
        });
        sendJson(res, 400, { error: 'invalid_input', message: error.message });
        return;
      }
      const refused = deps.refusedValue?.(error);
      if (refused) {
        log('warn', 'intake event has a value the database refused', {
          id: event.id,
          type: event.type,
          code: refused.code,
          column: refused.column,
        });
        sendJson(res, 400, {
          error: 'invalid_input',
          message: refused.column
            ? `the value for ${refused.column} could not be stored (database code ${refused.code})`
            : `a value in the event could not be stored (database code ${refused.code})`,
          ...(refused.column && { field: refused.column }),
        });
        return;
      }
      log('error', 'intake ingest failed', { id: event.id, type: event.type, ...describe(error) });
      sendJson(res, 500, { error: 'internal_error' });
      return;
    }

    const status = STATUS_BY_OUTCOME[result.outcome];
    if (status === undefined) throw new Error(`ingest returned unknown outcome ${result.outcome}`);
    sendJson(res, status, { id: event.id, outcome: result.outcome, ...extraFields(result) });
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('error', 'intake request failed', describe(error));
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'internal_error' });
    });
  };
}
