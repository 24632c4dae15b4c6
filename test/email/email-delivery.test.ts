import { visibleText } from '@jobdesk/fake-slack';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.ts';
import { eventually, textOf } from '../slack/e2e/helpers.ts';
import { ADMIN, ALICE, BOB, JOBS_CHANNEL, startSlackTestApp } from '../support/slack-test-app.ts';
import { deliverBySmtp } from '../support/smtp-relay.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { leadWithId, uniqueId } from './messages.ts';
import {
  type EmailTestApp,
  jobOfConversationSource,
  MAIL_FROM,
  outboundEmails,
  startEmailApp,
} from './support.ts';

// Delivery tests want the circuit to probe again within a couple of seconds, not 30.
const FAST_CIRCUIT = { circuit: { threshold: 3, baseMs: 200, maxMs: 2000 } };

async function leads(e: EmailTestApp, count: number): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = uniqueId('lead');
    await deliverBySmtp(e.smtpPort, leadWithId(id));
    const job = await jobOfConversationSource(e.t, `email:${id}`);
    numbers.push(job?.number as number);
  }
  await e.t.settle();
  return numbers;
}

/** `/jobs reply`, then waits until its email is recorded (the command acks before it acts). */
async function reply(e: EmailTestApp, number: number, text: string) {
  const before = (await outboundEmails(e.t)).length;
  await e.t.client.command(`/jobs reply J-${number} ${text}`, {
    user: ALICE,
    channel: JOBS_CHANNEL,
  });
  await eventually(async () => (await outboundEmails(e.t)).length > before);
}

const cardTs = (e: EmailTestApp, number: number) =>
  e.t.slack.channel(JOBS_CHANNEL).find(`J-${number}`)?.ts as string;

describe('replies leave by email through the outbox', () => {
  it('a 5xx refusal is a dead delivery: shown in the thread and in /jobs outbox', async () => {
    const e = await startEmailApp({}, FAST_CIRCUIT);
    try {
      const [number] = await leads(e, 1);
      await e.t.client.click('Assign to me', {
        user: BOB,
        in: { channel: JOBS_CHANNEL, ts: cardTs(e, number as number) },
      });
      await e.t.settle();
      e.relay.answer = 550;
      await reply(e, number as number, 'We would love to help.');
      await e.t.settle();
      const [email] = await outboundEmails(e.t);
      expect(email).toMatchObject({ delivery: 'not_delivered' });
      expect(email?.deliveryNote).toMatch(/^550 /);
      const dead = await e.t.app.database.db.select().from(outbox).where(eq(outbox.state, 'dead'));
      expect(dead.map((r) => r.topic)).toEqual(['email.send']);
      expect(dead[0]?.attempts).toBe(1);
      const thread = e.t.slack
        .channel(JOBS_CHANNEL)
        .thread(cardTs(e, number as number))
        .map(textOf);
      expect(thread.join('\n')).toMatch(/email to kj@orbit-outfitters\.example was not delivered/);
      expect(thread.join('\n')).toContain('550');
      // The assignee is told too, once.
      const told = e.t.slack
        .dm(BOB)
        .messages()
        .map(textOf)
        .filter((text) => text.includes('was not delivered'));
      expect(told).toHaveLength(1);

      const seen = e.t.slack.ephemerals(ADMIN).length;
      await e.t.client.command('/jobs outbox', { user: ADMIN, channel: JOBS_CHANNEL });
      await e.t.slack.waitFor(() => e.t.slack.ephemerals(ADMIN).length > seen);
      const list = visibleText(e.t.slack.ephemerals(ADMIN).at(-1) ?? { text: '' });
      expect(list).toContain(`An email (reply) to kj@orbit-outfitters.example on J-${number}`);
      expect(e.relay.received).toHaveLength(0);
    } finally {
      await e.close();
    }
  });

  it('a 4xx is retried until the relay takes it: one email arrives', async () => {
    const e = await startEmailApp({}, FAST_CIRCUIT);
    try {
      const [number] = await leads(e, 1);
      e.relay.answer = 451;
      await reply(e, number as number, 'Retry me.');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [pending] = await e.t.app.database.db
        .select()
        .from(outbox)
        .where(eq(outbox.topic, 'email.send'));
      expect(pending?.state).toBe('pending');
      expect(pending?.lastError).toMatch(/451/);
      e.relay.answer = undefined;
      await e.relay.waitFor(1, 20_000);
      await e.t.settle();
      expect(e.relay.received).toHaveLength(1);
      expect((await outboundEmails(e.t))[0]).toMatchObject({ delivery: 'sent' });
    } finally {
      await e.close();
    }
  });

  it('the relay down for 30 s while 50 replies are sent: each arrives exactly once after', async () => {
    const e = await startEmailApp({}, FAST_CIRCUIT);
    try {
      const numbers = await leads(e, 50);
      await e.relay.down();
      const started = Date.now();
      for (const [i, number] of numbers.entries()) await reply(e, number, `Reply number ${i}.`);
      const remaining = 30_000 - (Date.now() - started);
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
      expect(e.relay.received).toHaveLength(0);
      await e.relay.listen();
      await e.relay.waitFor(50, 60_000);
      await e.t.settle();
      // A little longer: nothing more may arrive.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const bodies = e.relay.received.map((r) => r.mail.text?.trim());
      expect(new Set(bodies).size).toBe(50);
      expect(bodies).toHaveLength(50);
      const ids = e.relay.received.map((r) => r.mail.messageId);
      expect(new Set(ids).size).toBe(50);
      const stored = await outboundEmails(e.t);
      expect(stored.every((row) => row.delivery === 'sent')).toBe(true);
      expect(new Set(stored.map((row) => `<${row.messageId}>`))).toEqual(new Set(ids));
    } finally {
      await e.close();
    }
  }, 150_000);

  it('a restart between the reply and its sending: sent once, with the Message-ID recorded', async () => {
    const e = await startEmailApp({}, FAST_CIRCUIT);
    const database = e.t.app.database as TestDatabase;
    const [number] = await leads(e, 1);
    await e.relay.down();
    await reply(e, number as number, 'Sent after the restart.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The first run stops with the email still in the outbox; the database stays.
    await e.t.app.stop();
    await e.t.slack.stop();
    await e.relay.listen();
    const again = await startSlackTestApp(
      {
        email: {
          inboundAddress: 'jobs@acme-agency.example',
          smtp: undefined,
          outbound: { url: e.relay.url, from: MAIL_FROM },
          postmark: undefined,
          mailgunSigningKey: undefined,
        },
      },
      { ...FAST_CIRCUIT, database },
    );
    try {
      await e.relay.waitFor(1, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(e.relay.received).toHaveLength(1);
      const [stored] = await outboundEmails(again);
      expect(stored).toMatchObject({ delivery: 'sent' });
      expect(e.relay.received[0]?.mail.messageId).toBe(`<${stored?.messageId}>`);
      expect(e.relay.received[0]?.mail.text?.trim()).toBe('Sent after the restart.');
    } finally {
      await again.close();
      await database.close();
      await e.relay.stop();
    }
  });
});

describe('alongside the outbound webhook', () => {
  it('a reply is both emailed and sent as message.sent to the webhook', async () => {
    const { createServer } = await import('node:http');
    const hooks: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        hooks.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const e = await startEmailApp({}, FAST_CIRCUIT, {
      outboundWebhook: {
        url: `http://127.0.0.1:${port}/hook`,
        secret: 'webhook-secret-0123456789',
      },
    });
    try {
      const [number] = await leads(e, 1);
      await reply(e, number as number, 'Both ways.');
      await e.relay.waitFor(1);
      await e.t.settle();
      expect(e.relay.received[0]?.mail.text?.trim()).toBe('Both ways.');
      const sent = hooks.find((h) => h.type === 'message.sent') as {
        data: { message: { body: string } };
      };
      expect(sent?.data.message.body).toBe('Both ways.');
    } finally {
      await e.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
