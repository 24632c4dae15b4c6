import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AcceptEmail } from '../inbound.ts';
import { composeRaw } from './compose-raw.ts';
import {
  answerIngested,
  type DoorLog,
  guarded,
  mediaType,
  readEmailRequest,
  sendJson,
} from './http-answers.ts';

export const MAILGUN_PATH = '/intake/email/mailgun';
/** Mailgun posts the raw MIME (`body-mime`) when a route's URL ends in "mime". */
export const MAILGUN_MIME_PATH = '/intake/email/mailgun/mime';

/** Mailgun's signature covers timestamp and token only, not the body: freshness and one use matter. */
const FRESH_SECONDS = 300;

export function mailgunSignature(key: string, timestamp: string, token: string): string {
  return createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');
}

/**
 * `POST /intake/email/mailgun` (and `…/mailgun/mime`): a Mailgun route's forward. The signature
 * (HMAC-SHA256 of timestamp + token with MAILGUN_WEBHOOK_SIGNING_KEY) is checked, the timestamp
 * must be fresh and each token is taken once, so a captured signature cannot carry another body.
 */
export function mailgunHandler(deps: {
  signingKey: string;
  /** The wall clock: signature freshness. */
  now: () => Date;
  accept: AcceptEmail;
  log: DoorLog;
}) {
  const usedTokens = new Map<string, number>();
  const forget = (nowSeconds: number) => {
    for (const [token, at] of usedTokens)
      if (at < nowSeconds - 2 * FRESH_SECONDS) usedTokens.delete(token);
  };
  return guarded(deps.log, async (req, res) => {
    const raw = await readEmailRequest(req, res, deps.log);
    if (!raw) return;
    const type = mediaType(req.headers['content-type']);
    if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') {
      sendJson(res, 415, { error: 'unsupported_media_type', message: 'expected a form post' });
      return;
    }
    let form: FormData;
    try {
      form = await new Response(raw, {
        headers: { 'content-type': String(req.headers['content-type']) },
      }).formData();
    } catch {
      sendJson(res, 400, { error: 'malformed_form' });
      return;
    }
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    const timestamp = field('timestamp') ?? '';
    const token = field('token') ?? '';
    const signature = field('signature') ?? '';
    const nowSeconds = Math.floor(deps.now().getTime() / 1000);
    const expected = Buffer.from(mailgunSignature(deps.signingKey, timestamp, token));
    const given = Buffer.from(signature);
    const fresh =
      /^\d{1,11}$/.test(timestamp) && Math.abs(nowSeconds - Number(timestamp)) <= FRESH_SECONDS;
    if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      deps.log('warn', 'mailgun webhook refused: bad or stale signature');
      sendJson(res, 401, { error: 'invalid_signature' });
      return;
    }
    forget(nowSeconds);
    if (usedTokens.has(token)) {
      sendJson(res, 401, { error: 'invalid_signature', message: 'token already used' });
      return;
    }
    usedTokens.set(token, nowSeconds);

    const recipients = (field('recipient') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const mime = field('body-mime');
    if (mime) {
      answerIngested(res, await deps.accept(Buffer.from(mime, 'utf8'), recipients));
      return;
    }
    // The parsed form of a route whose URL does not end in "mime".
    const from = field('from') ?? field('sender');
    if (!from) {
      sendJson(res, 400, {
        error: 'invalid_email',
        problems: [{ path: 'from', message: 'required' }],
      });
      return;
    }
    let headers: { name: string; value: string }[] = [];
    try {
      const list = JSON.parse(field('message-headers') ?? '[]') as [string, string][];
      headers = list.map(([name, value]) => ({ name, value }));
    } catch {
      headers = [];
    }
    const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
    // The parsed form sends attachments as files attachment-1, attachment-2, …
    const attachments: { filename: string; contentType: string; contentBase64: string }[] = [];
    for (const [name, value] of form.entries()) {
      if (!/^attachment-\d+$/.test(name) || typeof value === 'string') continue;
      attachments.push({
        filename: value.name || name,
        contentType: value.type || 'application/octet-stream',
        contentBase64: Buffer.from(await value.arrayBuffer()).toString('base64'),
      });
    }
    const message = await composeRaw({
      from,
      to: field('To') ?? header('to') ?? recipients.join(', '),
      subject: field('subject') ?? header('subject'),
      date: header('date'),
      messageId: field('Message-Id') ?? header('message-id'),
      text: field('body-plain'),
      html: field('body-html'),
      headers,
      attachments,
    });
    answerIngested(res, await deps.accept(message, recipients));
  });
}
