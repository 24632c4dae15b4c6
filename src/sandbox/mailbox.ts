// The merchant's mailbox in the sandbox: a local SMTP server stands in for jobdesk's outbound
// relay, so the agency's replies land in the merchant's inbox here; New lead email, Send email
// and Answer go to jobdesk's own SMTP receiver, the real inbound path. No configuration needed.

import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';
import type { EmailConfig } from '../config.ts';

export const SANDBOX_INBOUND = 'jobs@agency.sandbox.test';
const SANDBOX_FROM = `Your agency (sandbox) <${SANDBOX_INBOUND}>`;
/** The inbox keeps the latest emails only: the sandbox is for trying, not for archives. */
const INBOX_KEPT = 100;

export interface InboxEmail {
  id: number;
  to: string;
  from: string;
  replyTo: string | null;
  subject: string;
  text: string;
  messageId: string;
  references: string[];
  at: string;
}

export const mailRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lead') }),
  z.object({
    kind: z.literal('email'),
    name: z.string().trim().min(1).max(200),
    address: z.email(),
    subject: z.string().trim().max(500),
    body: z.string().trim().min(1).max(50_000),
  }),
  z.object({
    kind: z.literal('answer'),
    id: z.number().int(),
    body: z.string().trim().min(1).max(50_000),
  }),
]);
export type MailRequest = z.infer<typeof mailRequest>;

const LEADS = [
  {
    name: 'Katherine Johnson',
    email: 'kj@orbit-outfitters.example',
    store: 'orbit-outfitters.myshopify.com',
    service: 'Store migration',
    budget: '$2,500 - $5,000 USD',
    description:
      'We are moving about 3,000 products from WooCommerce. Variants, images and customer accounts must come along.',
  },
  {
    name: 'Ada Lovelace',
    email: 'ada@ada-analytics.example',
    store: 'ada-analytics.myshopify.com',
    service: 'Theme customization',
    budget: '$800 USD',
    description: 'Our home page takes 6 seconds to load on mobile. Can you make it fast?',
  },
  {
    name: 'Alan Turing',
    email: 'alan@enigma-puzzles.example',
    store: 'enigma-puzzles.myshopify.com',
    service: 'Custom app',
    budget: '$4,000 USD',
    description:
      'Customers pick wood, size and engraving for a puzzle box; the price updates live.',
  },
];

export class MailboxError extends Error {
  override readonly name = 'MailboxError';
}

export class SandboxMailbox {
  private readonly inbox: InboxEmail[] = [];
  private relay: SMTPServer | undefined;
  private relayPort = 0;
  private receiverPort: number | undefined;
  private counter = 0;
  private leads = 0;

  constructor(private readonly onChange: () => void) {}

  /** Starts the local relay and says how jobdesk should send and receive email here. */
  async start(): Promise<EmailConfig> {
    const relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.inbox.unshift({
              id: ++this.counter,
              to: session.envelope.rcptTo.map((r) => r.address).join(', '),
              from: mail.from?.text ?? '',
              replyTo: mail.replyTo?.value[0]?.address ?? null,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              messageId: mail.messageId ?? '',
              references: [
                ...(Array.isArray(mail.references)
                  ? mail.references
                  : mail.references
                    ? [mail.references]
                    : []),
              ],
              at: (mail.date ?? new Date()).toISOString(),
            });
            this.inbox.length = Math.min(this.inbox.length, INBOX_KEPT);
            this.onChange();
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      relay.server.once('error', reject);
      relay.listen(0, '127.0.0.1', () => resolve());
    });
    this.relay = relay;
    this.relayPort = (relay.server.address() as AddressInfo).port;
    return {
      inboundAddress: SANDBOX_INBOUND,
      smtp: { port: 0, host: '127.0.0.1', tls: undefined },
      outbound: { url: `smtp://127.0.0.1:${this.relayPort}`, from: SANDBOX_FROM },
      postmark: undefined,
      mailgunSigningKey: undefined,
    };
  }

  /** jobdesk's SMTP receiver is up: the merchant's emails go there. */
  connect(receiverPort: number): void {
    this.receiverPort = receiverPort;
  }

  view(): { ready: boolean; address: string; inbox: InboxEmail[] } {
    return { ready: this.receiverPort !== undefined, address: SANDBOX_INBOUND, inbox: this.inbox };
  }

  async send(request: MailRequest): Promise<{ response: string; subject: string }> {
    const port = this.receiverPort;
    if (port === undefined) throw new MailboxError('the mailbox is not connected to jobdesk yet');
    const message = this.compose(request);
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail(message);
      return { response: info.response, subject: message.subject };
    } finally {
      transport.close();
    }
  }

  private compose(request: MailRequest) {
    const domain = 'merchant.sandbox.test';
    const messageId = `<sandbox.${Date.now()}.${++this.counter}@${domain}>`;
    switch (request.kind) {
      case 'lead': {
        const lead = LEADS[this.leads++ % LEADS.length] ?? (LEADS[0] as (typeof LEADS)[0]);
        return {
          from: 'Shopify Partners (sandbox) <no-reply@partners.sandbox.test>',
          to: SANDBOX_INBOUND,
          replyTo: `${lead.name} <${lead.email}>`,
          subject: `New lead: ${lead.name} is interested in your services`,
          messageId,
          text: [
            'Hi,',
            '',
            'A merchant contacted you through your Shopify Partner Directory profile.',
            '',
            `Name: ${lead.name}`,
            `Email: ${lead.email}`,
            `Store: ${lead.store}`,
            `Service: ${lead.service}`,
            `Budget: ${lead.budget}`,
            'Description:',
            lead.description,
            '',
            'Reply to the merchant directly to follow up on this lead.',
          ].join('\n'),
        };
      }
      case 'email':
        return {
          from: `${request.name} <${request.address}>`,
          to: SANDBOX_INBOUND,
          subject: request.subject || '(no subject)',
          messageId,
          text: request.body,
        };
      case 'answer': {
        const original = this.inbox.find((e) => e.id === request.id);
        if (!original) throw new MailboxError(`no email ${request.id} in the inbox`);
        const quoted = original.text
          .trimEnd()
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n');
        return {
          from: original.to,
          to: original.replyTo ?? SANDBOX_INBOUND,
          subject: /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`,
          messageId,
          inReplyTo: original.messageId,
          references: [...original.references, original.messageId],
          // The shape Gmail sends: the answer, then the quoted original under "On … wrote:".
          text: `${request.body}\n\nOn ${new Date(original.at).toUTCString()}, ${original.from} wrote:\n${quoted}\n`,
        };
      }
    }
  }

  async stop(): Promise<void> {
    const relay = this.relay;
    this.relay = undefined;
    if (relay) await new Promise<void>((resolve) => relay.close(() => resolve()));
  }
}
