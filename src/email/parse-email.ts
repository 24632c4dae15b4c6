import { createHash } from 'node:crypto';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { InboundEmail } from '../services/email/inbound-email.ts';
import { type InboundAddress, messageIdsIn, normaliseMessageId, plusTokenOf } from './addresses.ts';
import { isAutomatic } from './automatic.ts';
import { bounceOf } from './bounce.ts';
import { cleanOptional, cleanText } from './clean-text.ts';
import { htmlToText } from './html-text.ts';
import { recogniseLead } from './recognise-lead.ts';
import { visibleReply } from './reply-text.ts';

export interface ParseOptions {
  inbound: InboundAddress | undefined;
  /** Envelope recipients (SMTP RCPT TO, a webhook's recipient field), besides the headers. */
  recipients?: string[];
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) =>
    group.value.flatMap((a) => [a, ...(a.group ?? [])]),
  );

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  const first = addresses(field).find((a) => a.address);
  if (!first?.address) return null;
  return { name: cleanOptional(first.name), address: cleanText(first.address).toLowerCase() };
}

/**
 * Whether the message has a text/plain part of its own. mailparser fills `text` from the HTML
 * when there is none, with a converter that runs table cells together; ours keeps rows apart.
 */
function hasPlainPart(mail: ParsedMail, raw: Buffer | undefined): boolean {
  const top = mail.headers.get('content-type') as { value?: string } | undefined;
  const type = top?.value?.toLowerCase() ?? 'text/plain';
  if (type === 'text/plain') return true;
  if (!type.startsWith('multipart/')) return false;
  return /^content-type:\s*text\/plain/im.test(raw?.toString('latin1') ?? '');
}

/** The body as text: the plain part, or the HTML part made text when there is no plain one. */
function bodyText(mail: ParsedMail, raw?: Buffer): string {
  const html = typeof mail.html === 'string' && mail.html.trim() ? mail.html : undefined;
  if (html && !hasPlainPart(mail, raw)) return cleanText(htmlToText(html));
  if (mail.text?.trim()) return cleanText(mail.text);
  if (typeof mail.html === 'string' && mail.html.trim()) return cleanText(htmlToText(mail.html));
  return '';
}

function fullTextOf(mail: ParsedMail, body: string): string {
  const header = (name: string, value: string | undefined | null) =>
    value ? `${name}: ${cleanText(value)}\n` : '';
  const list = (field: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(field) ? field : field ? [field] : []).map((g) => g.text).join(', ');
  return (
    header('From', list(mail.from)) +
    header('To', list(mail.to)) +
    header('Cc', list(mail.cc)) +
    header('Subject', mail.subject) +
    header('Date', mail.date?.toUTCString()) +
    `\n${body}`
  );
}

/** Mail without a Message-ID still dedupes: the same bytes get the same stand-in. */
function standInMessageId(raw: Buffer): string {
  return `sha256.${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@jobdesk.invalid`;
}

async function forwardedLead(mail: ParsedMail) {
  for (const attachment of mail.attachments) {
    if (attachment.contentType !== 'message/rfc822') continue;
    const inner = await simpleParser(attachment.content);
    const lead = recogniseLead(bodyText(inner, attachment.content));
    if (lead) return lead;
  }
  return undefined;
}

/** Parses one raw RFC 822 message into what the pipeline needs, cleaned and classified. */
export async function parseEmail(raw: Buffer, options: ParseOptions): Promise<InboundEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const body = bodyText(mail, raw);
  const from = firstAddress(mail.from) ?? { name: null, address: 'unknown@unknown.invalid' };
  const recipients = [
    ...(options.recipients ?? []),
    ...[mail.to, mail.cc].flatMap(addresses).map((a) => a.address ?? ''),
    ...['delivered-to', 'x-original-to']
      .map((h) => mail.headers.get(h))
      .filter((v): v is string => typeof v === 'string'),
  ];
  const inbound = options.inbound;
  const plusTokens = inbound
    ? [...new Set(recipients.map((r) => plusTokenOf(inbound, r.trim())).filter((t) => t))]
    : [];
  const bounce = bounceOf(mail, body);
  const lead = bounce ? undefined : (recogniseLead(body) ?? (await forwardedLead(mail)));
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    messageId: mail.messageId
      ? cleanText(normaliseMessageId(mail.messageId))
      : standInMessageId(raw),
    from,
    replyTo: firstAddress(mail.replyTo),
    subject: cleanOptional(mail.subject),
    date,
    inReplyTo: messageIdsIn(mail.inReplyTo)[0] ?? null,
    references: messageIdsIn(mail.references).map(cleanText),
    plusTokens: plusTokens as string[],
    fullText: fullTextOf(mail, body),
    replyText: visibleReply(body),
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || a.filename)
      .map((a) => ({
        name: cleanText(a.filename ?? `(unnamed ${a.contentType})`),
        size: a.size,
        contentType: cleanText(a.contentType),
      })),
    automatic: !bounce && isAutomatic(mail.headers),
    bounce: bounce ?? null,
    lead: lead ?? null,
  };
}
