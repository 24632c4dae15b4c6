/**
 * Measurement 6: email. jobdesk runs in this process (its SMTP receiver, outbox worker and a fake
 * Slack; Slack's pacing of one post a second per channel stays on), over a fresh Postgres
 * database, with an smtp-server as its outbound relay.
 * - email in → card: a lead sent over SMTP to jobdesk's receiver until its card is in the jobs
 *   channel (one at a time, 1.1 s apart, so Slack's pacing never holds a card back);
 * - reply → relay: a team reply (the reply use case, as a Slack click calls it) until the relay
 *   has the whole email (1.1 s apart too);
 * - inbound throughput: inquiry emails over SMTP, `concurrency` connections at once, each
 *   answered 250 only once it is stored.
 */
import type { AddressInfo } from 'node:net';
import { FakeSlack } from '@jobdesk/fake-slack';
import { createTransport } from 'nodemailer';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { startJobdesk } from '../src/app.ts';
import { openDatabase } from '../src/db/client.ts';
import { INTAKE_SECRET, SIGNING_SECRET } from './lib/jobdesk-env.ts';
import { createDatabase } from './lib/postgres.ts';
import { type Summary, summarize } from './lib/stats.ts';

export interface EmailOptions {
  /** Leads timed one by one (email in → card), and replies timed (reply → relay). */
  samples: number;
  /** Inquiry emails for the throughput figure, and SMTP connections at once. */
  burst: number;
  concurrency: number;
  log: (line: string) => void;
}

export interface EmailResult {
  inToCardMs: Summary;
  replyToRelayMs: Summary;
  inboundPerSecond: number;
  failures: number;
}

const JOBS_CHANNEL = 'C0JOBS';
const INBOUND = 'jobs@agency.bench.test';

const lead = (n: number) =>
  [
    'From: Shopify Partners <no-reply@partners.bench.test>',
    `To: ${INBOUND}`,
    `Subject: New lead ${n}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <bench-lead-${n}-${Date.now()}@partners.bench.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Name: Merchant ${n}`,
    `Email: m${n}@shop.bench.test`,
    `Store: shop${n}.myshopify.com`,
    'Service: Theme customization',
    'Budget: $500 USD',
    'Description:',
    'The home page takes six seconds to load on mobile.',
    '',
  ].join('\r\n');

const inquiry = (n: number) =>
  [
    `From: Sender ${n} <s${n}@mail.bench.test>`,
    `To: ${INBOUND}`,
    `Subject: Question ${n}`,
    `Message-ID: <bench-inquiry-${n}-${Date.now()}@mail.bench.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Do you build custom apps?',
    '',
    'On Mon, someone wrote:',
    '> an older message',
    '',
  ].join('\r\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureEmail(options: EmailOptions): Promise<EmailResult> {
  const arrivals = new Map<string, number>();
  const relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      stream.on('end', () => {
        const body = /bench-reply-(\d+)/.exec(text)?.[1];
        if (body) arrivals.set(body, performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  const relayPort = (relay.server.address() as AddressInfo).port;
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  const bench = await createDatabase('email');
  const database = await openDatabase({ url: bench.url });
  const app = await startJobdesk(
    {
      port: 0,
      databaseUrl: bench.url,
      dataDir: '/nonexistent',
      slack: {
        botToken: slack.botToken,
        signingSecret: SIGNING_SECRET,
        appToken: undefined,
        apiUrl: slack.apiUrl,
      },
      jobsChannel: JOBS_CHANNEL,
      admins: [],
      intakeSecret: INTAKE_SECRET,
      outboundWebhook: undefined,
      schedulerTick: '0 0 1 1 *',
      digest: undefined,
      outboxLeaseMs: 30_000,
      logLevel: 'warn',
      role: 'all',
      email: {
        inboundAddress: INBOUND,
        smtp: { port: 0, host: '127.0.0.1', tls: undefined },
        outbound: { url: `smtp://127.0.0.1:${relayPort}`, from: `Bench Agency <${INBOUND}>` },
        postmark: undefined,
        mailgunSigningKey: undefined,
      },
    },
    { logger: pino({ level: 'silent' }), database },
  );
  const smtpPort = app.smtpPort as number;
  let failures = 0;
  const send = async (transport: ReturnType<typeof createTransport>, raw: string) => {
    try {
      await transport.sendMail({ envelope: { from: 'x@mail.bench.test', to: [INBOUND] }, raw });
    } catch {
      failures += 1;
    }
  };
  try {
    // Email in → card.
    options.log(`email: ${options.samples} leads one by one, until each card is posted`);
    const single = createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
    });
    const inToCard: number[] = [];
    for (let n = 1; n <= options.samples; n++) {
      const started = performance.now();
      await send(single, lead(n));
      while (
        !slack.channel(JOBS_CHANNEL).find(`J-${n} ·`) &&
        performance.now() - started < 10_000
      ) {
        await sleep(1);
      }
      inToCard.push(performance.now() - started);
      await sleep(1100);
    }

    // Reply → relay.
    options.log(`email: ${options.samples} replies, until each is at the relay`);
    const replyToRelay: number[] = [];
    for (let n = 1; n <= options.samples; n++) {
      const started = performance.now();
      await app.services.replyToJob(
        { workspaceId: app.workspaceId, userId: 'U0BENCH' },
        n,
        `Thanks! bench-reply-${n}`,
      );
      while (!arrivals.has(String(n)) && performance.now() - started < 10_000) await sleep(1);
      replyToRelay.push((arrivals.get(String(n)) ?? performance.now()) - started);
      // As far apart as the leads: a reply's thread post is paced behind the previous one's, and
      // the worker takes its next batch only when the last one settled (see BENCHMARKS.md).
      await sleep(1100);
    }
    single.close();

    // Inbound throughput.
    options.log(`email: ${options.burst} inquiries over ${options.concurrency} SMTP connections`);
    const pool = createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: options.concurrency,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    const burstStarted = performance.now();
    await Promise.all(Array.from({ length: options.burst }, (_, i) => send(pool, inquiry(i))));
    const seconds = (performance.now() - burstStarted) / 1000;
    pool.close();
    return {
      inToCardMs: summarize(inToCard),
      replyToRelayMs: summarize(replyToRelay),
      inboundPerSecond: options.burst / seconds,
      failures,
    };
  } finally {
    await app.stop();
    await database.close();
    await bench.drop();
    await slack.stop();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  }
}
