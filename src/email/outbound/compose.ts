import type { OutboundEmail } from '../../services/email/outbound-email.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML part: the team's text, escaped, paragraph by paragraph (never their markup). */
export function htmlOf(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html><body>${paragraphs}</body></html>`;
}

/** nodemailer's message for one stored outbound email: everything fixed when it was queued. */
export function composeMessage(outbound: OutboundEmail, from: string) {
  const { email, replyTo } = outbound;
  return {
    from,
    to: email.toAddress as string,
    ...(replyTo && { replyTo }),
    subject: email.subject ?? '',
    text: email.text,
    html: htmlOf(email.text),
    messageId: `<${email.messageId}>`,
    date: email.sentAt,
    ...(email.inReplyTo && { inReplyTo: `<${email.inReplyTo}>` }),
    ...(email.references.length && { references: email.references.map((id) => `<${id}>`) }),
  };
}
