import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { SMTPServerOptions } from 'smtp-server';
import { type InboundAddress, isOurs, parseInboundAddress } from '../addresses.ts';
import { type AcceptEmail, MAX_EMAIL_BYTES } from '../inbound.ts';

export interface SmtpReceiverOptions {
  port: number;
  host: string;
  inboundAddress: string;
  tls?: { cert: string; key: string } | undefined;
  accept: AcceptEmail;
  log: (level: 'warn' | 'error', msg: string, fields?: object) => void;
  maxBytes?: number;
}

export interface SmtpReceiver {
  port: number;
  stop(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * jobdesk's own SMTP receiver (smtp-server): mail for INBOUND_EMAIL_ADDRESS and its +token forms
 * only — anything else is 550, so it is never a relay. SIZE is advertised and a bigger message
 * is 552; connections are capped and idle ones closed. A message is answered 250 only once it is
 * stored, so a sending server that saw an error (451) tries again later.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const inbound: InboundAddress = parseInboundAddress(options.inboundAddress);
  const maxBytes = options.maxBytes ?? MAX_EMAIL_BYTES;
  const tls = options.tls
    ? { cert: readFileSync(options.tls.cert), key: readFileSync(options.tls.key) }
    : undefined;
  const config: SMTPServerOptions = {
    name: inbound.domain,
    banner: 'jobdesk',
    size: maxBytes,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls && { key: tls.key, cert: tls.cert }),
    logger: false,
    maxClients: 100,
    // An idle or slow-loris connection is closed after a minute (RFC 5321 suggests minutes).
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      if (!isOurs(inbound, address.address)) {
        callback(smtpError(550, '5.1.1 No such mailbox here; this server does not relay'));
        return;
      }
      if (session.envelope.rcptTo.length >= 10) {
        callback(smtpError(452, '4.5.3 Too many recipients'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > maxBytes) {
          callback(smtpError(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`));
          return;
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        options
          .accept(Buffer.concat(chunks), recipients)
          .then(() => callback())
          .catch((error: unknown) => {
            options.log('error', 'inbound email could not be stored', {
              error: (error as Error).message,
            });
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          });
      });
    },
  };
  // Loaded only when SMTP is on: a jobdesk without it never holds smtp-server.
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer(config);
  server.on('error', (error) =>
    options.log('warn', 'smtp connection error', { error: error.message }),
  );
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
