import { and, eq } from 'drizzle-orm';
import type { StartOptions } from '../../src/app.ts';
import type { Config, EmailConfig } from '../../src/config.ts';
import { conversations, emails, jobs } from '../../src/db/schema.ts';
import { signedIntakeHeaders } from '../../src/http/intake/signed-post.ts';
import { type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.ts';
import { SmtpRelay } from '../support/smtp-relay.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';

export const INBOUND = 'jobs@acme-agency.example';
export const MAIL_FROM = 'Acme Agency <jobs@acme-agency.example>';

export interface EmailTestApp {
  t: SlackTestApp;
  relay: SmtpRelay;
  smtpPort: number;
  /** POSTs a raw email to /intake/email, signed unless told otherwise. */
  postRaw(
    raw: string,
    options?: { contentType?: string; secret?: string | null },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The real app with email on: its SMTP receiver on a free port, a recording relay as its outbound SMTP. */
export async function startEmailApp(
  email: Partial<EmailConfig> = {},
  options: Partial<StartOptions> = {},
  overrides: Partial<Config> = {},
): Promise<EmailTestApp> {
  const relay = await SmtpRelay.start();
  const t = await startSlackTestApp(
    {
      email: {
        inboundAddress: INBOUND,
        smtp: { port: 0, host: '127.0.0.1', tls: undefined },
        outbound: { url: relay.url, from: MAIL_FROM },
        postmark: undefined,
        mailgunSigningKey: undefined,
        ...email,
      },
      ...overrides,
    },
    options,
  );
  return {
    t,
    relay,
    smtpPort: t.app.smtpPort as number,
    async postRaw(raw, opts = {}) {
      const contentType = opts.contentType ?? 'message/rfc822';
      const headers =
        opts.secret === null
          ? { 'content-type': contentType }
          : signedIntakeHeaders(opts.secret ?? INTAKE_SECRET, raw, { contentType });
      const response = await fetch(`${t.app.url}/intake/email`, {
        method: 'POST',
        headers,
        body: raw,
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {} };
    },
    async close() {
      await t.close();
      await relay.stop();
    },
  };
}

export async function storedEmail(t: SlackTestApp, messageId: string) {
  const rows = await t.app.database.db.select().from(emails).where(eq(emails.messageId, messageId));
  return rows;
}

export async function jobOfConversationSource(t: SlackTestApp, sourceId: string) {
  const [row] = await t.app.database.db
    .select({ job: jobs })
    .from(jobs)
    .innerJoin(conversations, eq(conversations.id, jobs.conversationId))
    .where(and(eq(conversations.sourceId, sourceId)));
  return row?.job;
}

export async function outboundEmails(t: SlackTestApp) {
  return t.app.database.db.select().from(emails).where(eq(emails.direction, 'outbound'));
}
