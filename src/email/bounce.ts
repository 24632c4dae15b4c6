import type { ParsedMail } from 'mailparser';
import { messageIdsIn } from './addresses.ts';
import { cleanText } from './clean-text.ts';

const MESSAGE_ID_HEADER = /^message-id:\s*(<[^>]+>)/im;

function isReport(mail: ParsedMail): boolean {
  const type = mail.headers.get('content-type') as {
    value?: string;
    params?: Record<string, string>;
  };
  return (
    type?.value?.toLowerCase() === 'multipart/report' &&
    (type.params?.['report-type'] ?? '').toLowerCase() === 'delivery-status'
  );
}

function fromDaemon(mail: ParsedMail): boolean {
  const address = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  return /^(mailer-daemon|postmaster)@/.test(address);
}

/**
 * A delivery status notification (RFC 3464, or a mailer daemon's note with the returned
 * message): the Message-IDs of the emails it returns, and the reason it gives.
 */
export function bounceOf(
  mail: ParsedMail,
  body: string,
): { originalMessageIds: string[]; reason: string } | undefined {
  if (!isReport(mail) && !fromDaemon(mail)) return undefined;
  const ids = new Set<string>();
  let status = '';
  for (const part of mail.attachments) {
    const content = part.content.toString('utf8');
    const type = part.contentType.toLowerCase();
    if (type === 'message/delivery-status') {
      const diagnostic = /^diagnostic-code:\s*(?:smtp;\s*)?(.+)$/im.exec(content)?.[1];
      const code = /^status:\s*(\S+)/im.exec(content)?.[1];
      status = [code, diagnostic].filter(Boolean).join(' ');
    } else if (type === 'message/rfc822' || type === 'text/rfc822-headers') {
      const id = MESSAGE_ID_HEADER.exec(content)?.[1];
      if (id) for (const each of messageIdsIn(id)) ids.add(each);
    }
  }
  // mailparser may fold the message/delivery-status part into the text: read it there too.
  if (!status) {
    const diagnostic = /^diagnostic-code:\s*(?:smtp;\s*)?(.+)$/im.exec(body)?.[1];
    const code = /^status:\s*(\d\.\d+\.\d+)/im.exec(body)?.[1];
    status = [code, diagnostic].filter(Boolean).join(' ');
  }
  for (const id of messageIdsIn(MESSAGE_ID_HEADER.exec(body)?.[1])) ids.add(id);
  for (const id of messageIdsIn(mail.inReplyTo)) ids.add(id);
  const firstLine =
    body
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? 'returned by the mail server';
  return {
    originalMessageIds: [...ids].map(cleanText),
    reason: cleanText(status || firstLine).slice(0, 500),
  };
}
