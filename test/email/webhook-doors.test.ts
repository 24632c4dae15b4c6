import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailgunSignature } from '../../src/email/doors/mailgun-door.ts';
import { storedJob, textOf } from '../slack/e2e/helpers.ts';
import { JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { leadWithId, rawEmail, uniqueId } from './messages.ts';
import { type EmailTestApp, startEmailApp, storedEmail } from './support.ts';

const POSTMARK = { user: 'postmark', password: 'inbound-password-123' };
const MAILGUN_KEY = 'key-mailgun-signing-0123456789';

let e: EmailTestApp;
beforeAll(async () => {
  e = await startEmailApp({ postmark: POSTMARK, mailgunSigningKey: MAILGUN_KEY });
});
afterAll(async () => {
  await e?.close();
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function postPostmark(body: unknown, auth = basic(POSTMARK.user, POSTMARK.password)) {
  return fetch(`${e.t.app.url}/intake/email/postmark`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: auth },
    body: JSON.stringify(body),
  });
}

/** Postmark's inbound JSON for a lead, as its documentation describes the fields. */
function postmarkLead(messageId: string) {
  return {
    FromName: 'Shopify Partners',
    From: 'no-reply@partners.shopify.com',
    FromFull: { Email: 'no-reply@partners.shopify.com', Name: 'Shopify Partners', MailboxHash: '' },
    To: 'jobs@acme-agency.example',
    ToFull: [{ Email: 'jobs@acme-agency.example', Name: 'Acme Agency', MailboxHash: '' }],
    OriginalRecipient: 'jobs@acme-agency.example',
    Subject: 'New lead: Ada Lovelace',
    MessageID: '73e6d360-66eb-11e1-8e72-a8904824019b',
    ReplyTo: 'ada@lovelace.example',
    Date: new Date().toUTCString(),
    TextBody:
      'Name: Ada Lovelace\nEmail: ada@lovelace.example\nStore: ada.myshopify.com\nService: Theme customization\nBudget: $800 USD\nDescription:\nFaster product pages.',
    HtmlBody: '',
    StrippedTextReply: '',
    Headers: [
      { Name: 'Message-ID', Value: `<${messageId}>` },
      { Name: 'X-Spam-Status', Value: 'No' },
    ],
    Attachments: [
      {
        Name: 'brief.txt',
        Content: Buffer.from('the brief').toString('base64'),
        ContentType: 'text/plain',
        ContentLength: 9,
      },
    ],
  };
}

function mailgunForm(
  fields: Record<string, string>,
  signed: { key?: string; timestamp?: number; token?: string } = {},
) {
  const timestamp = String(signed.timestamp ?? Math.floor(Date.now() / 1000));
  const token = signed.token ?? uniqueId('tok');
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('timestamp', timestamp);
  form.set('token', token);
  form.set('signature', mailgunSignature(signed.key ?? MAILGUN_KEY, timestamp, token));
  return form;
}

const postMailgun = (form: FormData, path = '/intake/email/mailgun/mime') =>
  fetch(`${e.t.app.url}${path}`, { method: 'POST', body: form });

describe('Postmark inbound', () => {
  it('a lead in Postmark JSON becomes a job; its attachment is listed; a repeat is 200', async () => {
    const id = uniqueId('pm');
    const response = await postPostmark(postmarkLead(id));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { job: string; kind: string };
    expect(body.kind).toBe('lead');
    const job = await storedJob(e.t, Number(body.job.slice(2)));
    expect(job).toMatchObject({
      title: 'Theme customization for ada.myshopify.com',
      budgetAmount: '800',
      budgetCurrency: 'USD',
    });
    const [stored] = await storedEmail(e.t, id);
    expect(stored?.attachments).toEqual([
      { name: 'brief.txt', size: 9, contentType: 'text/plain' },
    ]);
    expect((await postPostmark(postmarkLead(id))).status).toBe(200);
  });

  it('wrong or missing credentials: 401, nothing stored', async () => {
    const id = uniqueId('pm');
    expect((await postPostmark(postmarkLead(id), basic('postmark', 'wrong-password'))).status).toBe(
      401,
    );
    expect((await postPostmark(postmarkLead(id), '')).status).toBe(401);
    expect(await storedEmail(e.t, id)).toHaveLength(0);
  });

  it('keeps the threading and automatic-mail headers it was given', async () => {
    const id = uniqueId('pm-auto');
    const lead = postmarkLead(id);
    lead.TextBody = 'I am out of the office.';
    lead.Headers.push({ Name: 'Auto-Submitted', Value: 'auto-replied' });
    const response = await postPostmark(lead);
    expect(await response.json()).toMatchObject({ kind: 'ignored' });
  });
});

describe('Mailgun inbound', () => {
  it('a raw MIME forward with a good signature is taken (202), a repeat of the email is 200', async () => {
    const id = uniqueId('mg');
    const form = () =>
      mailgunForm({
        recipient: 'jobs@acme-agency.example',
        sender: 'no-reply@partners.shopify.com',
        'body-mime': leadWithId(id),
      });
    const first = await postMailgun(form());
    expect(first.status).toBe(202);
    const { job } = (await first.json()) as { job: string };
    await e.t.settle();
    const card = e.t.slack.channel(JOBS_CHANNEL).find(job);
    if (!card) throw new Error(`no card for ${job}`);
    expect(textOf(card)).toContain('Katherine Johnson');
    expect((await postMailgun(form())).status).toBe(200);
  });

  it('a bad signature, a stale timestamp or a reused token: 401', async () => {
    const id = uniqueId('mg');
    const fields = {
      recipient: 'jobs@acme-agency.example',
      'body-mime': rawEmail({ messageId: id }),
    };
    expect((await postMailgun(mailgunForm(fields, { key: 'not-the-key-000' }))).status).toBe(401);
    expect(
      (await postMailgun(mailgunForm(fields, { timestamp: Math.floor(Date.now() / 1000) - 3600 })))
        .status,
    ).toBe(401);
    const token = uniqueId('tok');
    const once = await postMailgun(mailgunForm(fields, { token }));
    expect(once.status).toBe(202);
    expect((await postMailgun(mailgunForm(fields, { token }))).status).toBe(401);
    expect(await storedEmail(e.t, id)).toHaveLength(1);
  });

  it('the parsed form (a route URL not ending in mime) keeps Message-Id, headers and attachments', async () => {
    const id = uniqueId('mg-parsed');
    const form = mailgunForm({
      recipient: 'jobs@acme-agency.example',
      from: 'Grace <grace@cobol.example>',
      subject: 'Hello',
      'body-plain': 'Do you build apps?',
      'Message-Id': `<${id}>`,
      'message-headers': JSON.stringify([
        ['Message-Id', `<${id}>`],
        ['X-Mailer', 'x'],
      ]),
    });
    form.set(
      'attachment-1',
      new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/png' }),
      'sketch.png',
    );
    const response = await postMailgun(form, '/intake/email/mailgun');
    expect(response.status).toBe(202);
    expect(await storedEmail(e.t, id)).toMatchObject([
      {
        kind: 'inquiry',
        fromAddress: 'grace@cobol.example',
        attachments: [{ name: 'sketch.png', size: 4, contentType: 'image/png' }],
      },
    ]);
  });
});
