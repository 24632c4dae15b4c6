// The sandbox closes the email loop with no configuration: a lead arrives as an email through
// jobdesk's real SMTP receiver, a reply from Slack reaches the merchant's inbox through the
// sandbox's local relay, and the merchant's answer by email lands in the card's thread.

import { describe, expect, it, vi } from 'vitest';
import { useSandboxApp } from './sandbox-app.ts';

const t = useSandboxApp({ sandboxMail: true });

interface Mailbox {
  ready: boolean;
  address: string;
  inbox: { id: number; to: string; subject: string; text: string; replyTo: string | null }[];
}

const mailbox = async () => (await (await fetch(`${t.app.url}/sandbox/mail`)).json()) as Mailbox;
const channel = async () =>
  (
    (await (await fetch(`${t.app.url}/sandbox/state?as=U0LEO&pane=C0JOBS&tz=UTC`)).json()) as {
      pane: { html: string };
    }
  ).pane.html;

describe('the sandbox mailbox', () => {
  it('closes the loop: lead email → card, Slack reply → inbox, answer by email → thread', async () => {
    expect(await mailbox()).toMatchObject({ ready: true, address: 'jobs@agency.sandbox.test' });
    const sent = await t.post('/sandbox/mail/send', { kind: 'lead' });
    expect(sent.status).toBe(200);
    expect(String(sent.body.response)).toMatch(/^250/);
    await vi.waitFor(async () => expect(await channel()).toContain('J-1'), {
      timeout: 10_000,
      interval: 50,
    });

    await t.post('/sandbox/act', {
      type: 'command',
      as: 'U0LEO',
      channel: 'C0JOBS',
      text: '/jobs reply J-1 Thanks for reaching out! When would you like to start?',
    });
    await vi.waitFor(async () => expect((await mailbox()).inbox).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    });
    const [email] = (await mailbox()).inbox;
    expect(email?.text).toContain('When would you like to start?');
    expect(email?.replyTo).toMatch(/^jobs\+\w+@agency\.sandbox\.test$/);

    const answered = await t.post('/sandbox/mail/send', {
      kind: 'answer',
      id: email?.id,
      body: 'Next Monday, please.',
    });
    expect(answered.status).toBe(200);
    await vi.waitFor(
      async () => {
        const job = await t.app.services.getJobDetails(t.app.workspaceId, 1);
        expect(job.messages.map((m) => m.body)).toContain('Next Monday, please.');
        expect(job.job.status).toBe('awaiting_response');
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('Send email is an inquiry from its sender; an unknown inbox email is a clear refusal', async () => {
    const sent = await t.post('/sandbox/mail/send', {
      kind: 'email',
      name: 'Grace Hopper',
      address: 'grace@compiler-coffee.example',
      subject: 'Subscriptions?',
      body: 'Can you build bean subscriptions?',
    });
    expect(sent.status).toBe(200);
    await vi.waitFor(async () => expect(await channel()).toContain('Grace Hopper'), {
      timeout: 10_000,
      interval: 50,
    });
    const refused = await t.post('/sandbox/mail/send', { kind: 'answer', id: 999, body: 'x' });
    expect(refused).toMatchObject({ status: 409, body: { error: 'no email 999 in the inbox' } });
  });
});
