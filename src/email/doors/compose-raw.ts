/** An email a webhook delivered as JSON or form fields, as the pipeline's raw input needs it. */
export interface EmailFields {
  from: string;
  to: string;
  cc?: string | undefined;
  replyTo?: string | undefined;
  subject?: string | undefined;
  date?: string | undefined;
  messageId?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
  /** Every other header as sent (In-Reply-To, References, Auto-Submitted, List-Id…). */
  headers: { name: string; value: string }[];
  attachments: { filename: string; contentType: string; contentBase64: string }[];
}

/** Headers the composer writes itself from the fields above (or that MIME structure owns). */
const OWN = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
]);

/**
 * Builds the RFC 822 message back from a webhook's fields (nodemailer's MailComposer), so
 * Postmark's JSON and Mailgun's parsed form go through the one pipeline every door feeds.
 */
export async function composeRaw(fields: EmailFields): Promise<Buffer> {
  // Loaded with the first webhook email: a jobdesk that gets none never holds nodemailer.
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
  const composer = new MailComposer({
    from: fields.from,
    to: fields.to,
    ...(fields.cc && { cc: fields.cc }),
    ...(fields.replyTo && { replyTo: fields.replyTo }),
    subject: fields.subject ?? '',
    ...(fields.date && { date: fields.date }),
    ...(fields.messageId && { messageId: fields.messageId }),
    ...(fields.text !== undefined && { text: fields.text }),
    ...(fields.html && { html: fields.html }),
    headers: fields.headers
      .filter((h) => !OWN.has(h.name.toLowerCase()))
      .map((h) => ({ key: h.name, value: h.value })),
    attachments: fields.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.contentBase64,
      encoding: 'base64',
    })),
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message)));
  });
}
