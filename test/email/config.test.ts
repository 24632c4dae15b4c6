import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { refusal } from '../support/config-refusal.ts';

describe('email configuration', () => {
  it('reads every email variable', () => {
    expect(
      loadConfig({
        INBOUND_EMAIL_ADDRESS: 'Jobs@Acme-Agency.com',
        INBOUND_SMTP_PORT: '2525',
        INBOUND_SMTP_HOST: '127.0.0.1',
        INBOUND_SMTP_TLS_CERT: '/etc/smtp.crt',
        INBOUND_SMTP_TLS_KEY: '/etc/smtp.key',
        OUTBOUND_SMTP_URL: 'smtps://u:p@smtp.example.com:465',
        MAIL_FROM: 'Acme Agency <jobs@acme-agency.com>',
        POSTMARK_INBOUND_AUTH: 'postmark:long-password',
        MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789',
      }).email,
    ).toEqual({
      inboundAddress: 'jobs@acme-agency.com',
      smtp: { port: 2525, host: '127.0.0.1', tls: { cert: '/etc/smtp.crt', key: '/etc/smtp.key' } },
      outbound: {
        url: 'smtps://u:p@smtp.example.com:465',
        from: 'Acme Agency <jobs@acme-agency.com>',
      },
      postmark: { user: 'postmark', password: 'long-password' },
      mailgunSigningKey: 'key-0123456789',
    });
  });

  it('has no email without the variables', () => {
    expect(loadConfig({}).email).toEqual({
      inboundAddress: undefined,
      smtp: undefined,
      outbound: undefined,
      postmark: undefined,
      mailgunSigningKey: undefined,
    });
  });

  it('names each bad variable, and never echoes the SMTP URL (it holds a password)', () => {
    const message = refusal({
      INBOUND_EMAIL_ADDRESS: 'jobs+x@acme.example',
      INBOUND_SMTP_PORT: '99999',
      OUTBOUND_SMTP_URL: 'http://user:secret@host',
      MAIL_FROM: 'not an address',
      POSTMARK_INBOUND_AUTH: 'nopassword',
    });
    expect(message).toMatch(/^INBOUND_EMAIL_ADDRESS must be the bare address/m);
    expect(message).toMatch(/^INBOUND_SMTP_PORT must be a port number/m);
    expect(message).toMatch(/^OUTBOUND_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/m);
    expect(message).toMatch(/^MAIL_FROM must be an address/m);
    expect(message).toMatch(/^POSTMARK_INBOUND_AUTH must be user:password/m);
    expect(message).not.toContain('secret');
  });

  it('asks for the partner variable: MAIL_FROM with the SMTP URL, the address with a door', () => {
    expect(refusal({ OUTBOUND_SMTP_URL: 'smtp://h:25' })).toMatch(
      /^MAIL_FROM must be set too: OUTBOUND_SMTP_URL and MAIL_FROM send email together/m,
    );
    expect(refusal({ INBOUND_SMTP_PORT: '25' })).toMatch(
      /^INBOUND_EMAIL_ADDRESS must be set with INBOUND_SMTP_PORT/m,
    );
    expect(refusal({ INBOUND_EMAIL_ADDRESS: 'a@b.example', INBOUND_SMTP_TLS_CERT: '/c' })).toMatch(
      /^INBOUND_SMTP_TLS_KEY must be set too: INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY offer STARTTLS together/m,
    );
  });
});
