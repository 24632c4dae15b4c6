import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
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

export const POSTMARK_PATH = '/intake/email/postmark';

const address = z.object({ Email: z.string(), Name: z.string().optional().nullable() });
const text = z.string().optional().nullable();

/** Postmark's inbound webhook JSON, the fields jobdesk reads (others are ignored). */
const postmarkInbound = z.object({
  FromFull: address.optional(),
  From: text,
  ToFull: z.array(address).optional(),
  To: text,
  CcFull: z.array(address).optional(),
  OriginalRecipient: text,
  Subject: text,
  MessageID: text,
  Date: text,
  TextBody: text,
  HtmlBody: text,
  ReplyTo: text,
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  Attachments: z
    .array(z.object({ Name: z.string(), Content: z.string(), ContentType: z.string() }))
    .optional(),
  RawEmail: text,
});

const named = (a: { Email: string; Name?: string | null | undefined }) =>
  a.Name ? `"${a.Name.replace(/["\\]/g, '')}" <${a.Email}>` : a.Email;

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HTTP basic auth with POSTMARK_INBOUND_AUTH, the credentials put in Postmark's webhook URL. */
function authorised(
  header: string | undefined,
  creds: { user: string; password: string },
): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  return same(decoded, `${creds.user}:${creds.password}`);
}

/**
 * `POST /intake/email/postmark`: Postmark's inbound JSON. With "include raw email" on, the raw
 * message is used as is; otherwise the message is rebuilt from the JSON (headers included, so
 * threading and automatic-mail headers survive).
 */
export function postmarkHandler(deps: {
  credentials: { user: string; password: string };
  accept: AcceptEmail;
  log: DoorLog;
}) {
  return guarded(deps.log, async (req, res) => {
    const raw = await readEmailRequest(req, res, deps.log);
    if (!raw) return;
    if (!authorised(req.headers.authorization, deps.credentials)) {
      deps.log('warn', 'postmark webhook refused: wrong credentials');
      sendJson(
        res,
        401,
        { error: 'unauthorized' },
        { 'WWW-Authenticate': 'Basic realm="jobdesk"' },
      );
      return;
    }
    if (mediaType(req.headers['content-type']) !== 'application/json') {
      sendJson(res, 415, { error: 'unsupported_media_type', message: 'expected application/json' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      sendJson(res, 400, { error: 'malformed_json' });
      return;
    }
    const parsed = postmarkInbound.safeParse(json);
    if (!parsed.success || !(parsed.data.FromFull || parsed.data.From)) {
      sendJson(res, 400, {
        error: 'invalid_email',
        problems: parsed.success
          ? [{ path: 'From', message: 'required' }]
          : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    const p = parsed.data;
    const recipients = [p.OriginalRecipient, ...(p.ToFull ?? []).map((a) => a.Email)].filter(
      (r): r is string => !!r,
    );
    if (p.RawEmail) {
      answerIngested(res, await deps.accept(Buffer.from(p.RawEmail, 'utf8'), recipients));
      return;
    }
    const headers = p.Headers ?? [];
    const header = (name: string) =>
      headers.find((h) => h.Name.toLowerCase() === name.toLowerCase())?.Value;
    const message = await composeRaw({
      from: p.FromFull ? named(p.FromFull) : (p.From as string),
      to: p.ToFull?.length ? p.ToFull.map(named).join(', ') : (p.To ?? ''),
      cc: p.CcFull?.length ? p.CcFull.map(named).join(', ') : undefined,
      replyTo: p.ReplyTo || undefined,
      subject: p.Subject ?? undefined,
      date: p.Date ?? undefined,
      // Postmark's own id stands in only when the sender set no Message-ID.
      messageId:
        header('Message-ID') ??
        (p.MessageID ? `<postmark.${p.MessageID}@postmark.invalid>` : undefined),
      text: p.TextBody ?? undefined,
      html: p.HtmlBody ?? undefined,
      headers: headers.map((h) => ({ name: h.Name, value: h.Value })),
      attachments: (p.Attachments ?? []).map((a) => ({
        filename: a.Name,
        contentType: a.ContentType,
        contentBase64: a.Content,
      })),
    });
    answerIngested(res, await deps.accept(message, recipients));
  });
}
