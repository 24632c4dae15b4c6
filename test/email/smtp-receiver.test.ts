import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startJobdesk } from '../../src/app.ts';
import { startSmtpReceiver } from '../../src/email/doors/smtp-receiver.ts';
import type { IngestEmailResult } from '../../src/services/email/inbound-email.ts';
import { smtpDialogue } from '../support/smtp-relay.ts';
import { testConfig } from '../support/test-app.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { rawEmail } from './messages.ts';

const tlsFile = (name: string) =>
  fileURLToPath(new URL(`../fixtures/email/tls/${name}`, import.meta.url));

const accepted: IngestEmailResult = { outcome: 'accepted', kind: 'inquiry' };

describe("jobdesk's SMTP receiver", () => {
  it('offers STARTTLS with the configured certificate, and takes mail over it', async () => {
    const got: { raw: string; recipients: string[] }[] = [];
    const receiver = await startSmtpReceiver({
      port: 0,
      host: '127.0.0.1',
      inboundAddress: 'jobs@acme-agency.example',
      tls: { cert: tlsFile('test-only.crt'), key: tlsFile('test-only.key') },
      accept: async (raw, recipients = []) => {
        got.push({ raw: raw.toString(), recipients });
        return accepted;
      },
      log: () => {},
    });
    try {
      const ehlo = await smtpDialogue(receiver.port, ['EHLO mail.example', 'QUIT']);
      expect(ehlo[1]?.text).toMatch(/STARTTLS/);
      const transport = createTransport({
        host: '127.0.0.1',
        port: receiver.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      const info = await transport.sendMail({
        envelope: { from: 'kj@orbit.example', to: ['jobs+tok@acme-agency.example'] },
        raw: rawEmail({ body: 'over TLS' }),
      });
      transport.close();
      expect(info.response).toMatch(/^250/);
      expect(got).toHaveLength(1);
      expect(got[0]?.recipients).toEqual(['jobs+tok@acme-agency.example']);
      expect(got[0]?.raw).toContain('over TLS');
    } finally {
      await receiver.stop();
    }
  });

  it('without a certificate offers no STARTTLS and no AUTH; a storage failure is 451 (retry later)', async () => {
    const receiver = await startSmtpReceiver({
      port: 0,
      host: '127.0.0.1',
      inboundAddress: 'jobs@acme-agency.example',
      accept: async () => {
        throw new Error('database away');
      },
      log: () => {},
    });
    try {
      const [, ehlo] = await smtpDialogue(receiver.port, ['EHLO mail.example', 'QUIT']);
      const lines = ehlo?.text ?? '';
      expect(lines).toMatch(/250-SIZE|250 SIZE/);
      expect(lines).not.toMatch(/STARTTLS/);
      expect(lines).not.toMatch(/AUTH/);
      const replies = await smtpDialogue(
        receiver.port,
        [
          'EHLO mail.example',
          'MAIL FROM:<a@b.example>',
          'RCPT TO:<jobs@acme-agency.example>',
          'DATA',
          'QUIT',
        ],
        rawEmail().trimEnd(),
      );
      expect(replies.map((r) => r.code)).toEqual([220, 250, 250, 250, 354, 451, 221]);
    } finally {
      await receiver.stop();
    }
  });
});

describe('starting with INBOUND_SMTP_PORT', () => {
  it('a port already taken stops the start with a message naming the variable', async () => {
    const { createServer } = await import('node:net');
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve()));
    const port = (squatter.address() as { port: number }).port;
    const database = await createTestDatabase();
    try {
      await expect(
        startJobdesk(
          testConfig({
            email: {
              inboundAddress: 'jobs@acme-agency.example',
              smtp: { port, host: '127.0.0.1', tls: undefined },
              outbound: undefined,
              postmark: undefined,
              mailgunSigningKey: undefined,
            },
          }),
          { logger: pino({ level: 'silent' }), database },
        ),
      ).rejects.toThrow(/^INBOUND_SMTP_PORT: the SMTP receiver cannot listen on 127\.0\.0\.1:\d+/);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
      await database.close();
    }
  });
});
