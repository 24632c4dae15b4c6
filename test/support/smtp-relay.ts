import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** One email as the relay received it: the envelope, the raw bytes, and the parsed message. */
export interface RelayedEmail {
  from: string;
  to: string[];
  raw: string;
  mail: ParsedMail;
}

/**
 * An SMTP server standing in for the outbound relay jobdesk sends through (OUTBOUND_SMTP_URL):
 * records every message it accepts, and answers each one with the code the test chose
 * (`answer`), or is stopped and started again on the same port (the relay down for a while).
 */
export class SmtpRelay {
  readonly received: RelayedEmail[] = [];
  /** Undefined: 250 accepted. A number: that SMTP code, e.g. 451 (retry) or 550 (refused). */
  answer: number | undefined;
  private server: SMTPServer | undefined;
  private constructor(public port: number) {}

  static async start(port = 0): Promise<SmtpRelay> {
    const relay = new SmtpRelay(port);
    await relay.listen();
    return relay;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.answer !== undefined) {
            const message = this.answer >= 500 ? '5.7.1 Message refused' : '4.3.2 Try again later';
            callback(Object.assign(new Error(message), { responseCode: this.answer }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then((mail) => {
            this.received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              mail,
            });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are refused until `listen()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<RelayedEmail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`relay got ${this.received.length} emails, expected ${count}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.received;
  }

  stop(): Promise<void> {
    return this.down();
  }
}

/** A merchant's mail server delivering to jobdesk's SMTP receiver (a real SMTP dialogue). */
export async function deliverBySmtp(
  port: number,
  raw: string,
  envelope: { from: string; to: string[] } = {
    from: 'merchant@mail.example',
    to: ['jobs@acme-agency.example'],
  },
): Promise<{ response: string }> {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { response: info.response };
  } finally {
    transport.close();
  }
}

/**
 * A raw SMTP dialogue with a server: each command's reply code and text, in order. `DATA`
 * sends `data` (dot-stuffing is the test's business) and the closing dot.
 */
export async function smtpDialogue(
  port: number,
  commands: string[],
  data = '',
): Promise<{ code: number; text: string }[]> {
  const { connect } = await import('node:net');
  const socket = connect(port, '127.0.0.1');
  let buffer = '';
  const waiting: ((reply: { code: number; text: string }) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.search(/^\d{3} .*\r\n/m);
      if (end < 0) return;
      const lineEnd = buffer.indexOf('\r\n', end);
      const reply = buffer.slice(0, lineEnd);
      buffer = buffer.slice(lineEnd + 2);
      waiting.shift()?.({ code: Number(reply.slice(end, end + 3)), text: reply });
    }
  });
  const next = () =>
    new Promise<{ code: number; text: string }>((resolve, reject) => {
      waiting.push(resolve);
      socket.once('error', reject);
    });
  const replies: { code: number; text: string }[] = [];
  replies.push(await next());
  for (const command of commands) {
    const answer = next();
    socket.write(`${command}\r\n`);
    const reply = await answer;
    replies.push(reply);
    if (command === 'DATA' && reply.code === 354) {
      const done = next();
      socket.write(`${data}\r\n.\r\n`);
      replies.push(await done);
    }
  }
  socket.end();
  return replies;
}
