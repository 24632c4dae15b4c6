import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../http/intake/route.ts';
import { verifyIntakeSignature } from '../../http/intake/signature.ts';
import type { AcceptEmail } from '../inbound.ts';
import {
  answerIngested,
  type DoorLog,
  guarded,
  mediaType,
  readEmailRequest,
  sendJson,
} from './http-answers.ts';

export const RAW_EMAIL_PATH = '/intake/email';

/**
 * `POST /intake/email`: one raw RFC 822 message (message/rfc822), signed exactly like
 * /intake/events — for a script, an MTA pipe or a cloud function relaying mail.
 */
export function rawEmailHandler(deps: {
  secret: string;
  /** The wall clock: signature freshness. */
  now: () => Date;
  accept: AcceptEmail;
  log: DoorLog;
}) {
  return guarded(deps.log, async (req, res) => {
    const raw = await readEmailRequest(req, res, deps.log);
    if (!raw) return;
    const verdict = verifyIntakeSignature({
      secret: deps.secret,
      timestampHeader: req.headers[TIMESTAMP_HEADER],
      signatureHeader: req.headers[SIGNATURE_HEADER],
      rawBody: raw,
      now: deps.now(),
    });
    if (!verdict.ok) {
      deps.log('warn', 'raw email signature refused', { reason: verdict.reason });
      sendJson(res, 401, { error: 'invalid_signature', message: verdict.reason });
      return;
    }
    if (mediaType(req.headers['content-type']) !== 'message/rfc822') {
      sendJson(res, 415, {
        error: 'unsupported_media_type',
        message: 'send the email as message/rfc822',
      });
      return;
    }
    if (
      !/\r?\n\r?\n/.test(raw.subarray(0, 256 * 1024).toString('latin1')) ||
      !/^[!-9;-~]+:/.test(raw.toString('latin1', 0, 200))
    ) {
      sendJson(res, 400, {
        error: 'malformed_email',
        message: 'expected an RFC 822 message: headers, a blank line, the body',
      });
      return;
    }
    answerIngested(res, await deps.accept(raw));
  });
}
