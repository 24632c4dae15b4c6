import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Raw emails for the tests: the shared samples, and builders for the shapes around them. */

export const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/email/${name}`, import.meta.url)), 'utf8');

export const LEAD = () => fixture('partner-directory-lead.eml');
export const GMAIL_REPLY = () => fixture('merchant-reply-gmail.eml');

export interface RawOptions {
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string;
  date?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}

let counter = 0;
export const uniqueId = (prefix = 'msg') => `${prefix}-${Date.now()}-${++counter}@mail.example`;

/** A plain single-part email with CRLF line ends, as SMTP carries it. */
export function rawEmail(options: RawOptions = {}): string {
  const headers: Record<string, string | undefined> = {
    From: options.from ?? 'Grace Hopper <grace@cobol.example>',
    To: options.to ?? 'Acme Agency <jobs@acme-agency.example>',
    Subject: options.subject ?? 'A question',
    Date: options.date ?? new Date().toUTCString(),
    'Message-ID': `<${options.messageId ?? uniqueId()}>`,
    'In-Reply-To': options.inReplyTo,
    References: options.references,
    'MIME-Version': '1.0',
    'Content-Type': options.contentType ?? 'text/plain; charset=utf-8',
    'Content-Transfer-Encoding': '8bit',
    ...options.headers,
  };
  const head = Object.entries(headers)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return `${head}\r\n\r\n${(options.body ?? 'Hello, can you help with my store?').replace(/\r?\n/g, '\r\n')}\r\n`;
}

/** The shared lead with the HTML part only (the plain part removed). */
export function htmlOnlyLead(messageId = uniqueId('lead')): string {
  const lead = LEAD();
  const html = lead.slice(lead.indexOf('<html>'), lead.indexOf('</html>') + '</html>'.length);
  return rawEmail({
    from: 'Shopify Partners <no-reply@partners.shopify.com>',
    subject: 'New lead: Katherine Johnson is interested in your services',
    messageId,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Reply-To': 'Katherine Johnson <kj@orbit-outfitters.example>' },
    body: html,
  });
}

/**
 * The shared lead with a fresh Message-ID (each test its own lead), sent now: a lead's job is
 * created at the email's Date, so the fixture's own date would make it expire as the days pass.
 */
export function leadWithId(messageId = uniqueId('lead')): string {
  return LEAD()
    .replace('<lead-7f3a2c91@partners.shopify.com>', `<${messageId}>`)
    .replace(/^Date: .*$/m, `Date: ${new Date().toUTCString()}`);
}

/** A delivery status notification (RFC 3464) returning one of our emails. */
export function bounceFor(originalMessageId: string, status = '5.1.1'): string {
  const boundary = 'dsn-boundary';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.orbit-outfitters.example>',
    'To: jobs@acme-agency.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${uniqueId('dsn')}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'I could not deliver your message to kj@orbit-outfitters.example.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.orbit-outfitters.example',
    '',
    'Final-Recipient: rfc822; kj@orbit-outfitters.example',
    'Action: failed',
    `Status: ${status}`,
    'Diagnostic-Code: smtp; 550 5.1.1 <kj@orbit-outfitters.example>: mailbox unknown',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    'From: Acme Agency <jobs@acme-agency.example>',
    'To: kj@orbit-outfitters.example',
    `Message-ID: <${originalMessageId}>`,
    'Subject: Re: Your store migration',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
