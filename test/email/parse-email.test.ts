import { describe, expect, it } from 'vitest';
import { parseInboundAddress } from '../../src/email/addresses.ts';
import { cleanText } from '../../src/email/clean-text.ts';
import { parseEmail } from '../../src/email/parse-email.ts';
import { recogniseLead } from '../../src/email/recognise-lead.ts';
import { visibleReply } from '../../src/email/reply-text.ts';
import { budgetOf, storeOf } from '../../src/services/email/lead-to-job.ts';
import { bounceFor, GMAIL_REPLY, htmlOnlyLead, LEAD, rawEmail } from './messages.ts';

const inbound = parseInboundAddress('jobs@acme-agency.example');
const parse = (raw: string, recipients?: string[]) =>
  parseEmail(Buffer.from(raw), { inbound, recipients });

const KATHERINE = {
  name: 'Katherine Johnson',
  email: 'kj@orbit-outfitters.example',
  store: 'orbit-outfitters.myshopify.com',
  service: 'Store migration',
  budget: '$2,500 - $5,000 USD',
};

describe('a Partner Directory lead', () => {
  it('is recognised from the plain part of the shared sample', async () => {
    const email = await parse(LEAD());
    expect(email.lead).toMatchObject(KATHERINE);
    expect(email.lead?.description).toMatch(
      /^We are moving about 3,000 products.*before January\.$/s,
    );
    expect(email.messageId).toBe('lead-7f3a2c91@partners.shopify.com');
    expect(email.replyTo?.address).toBe('kj@orbit-outfitters.example');
    expect(email.automatic).toBe(false);
  });

  it('is recognised from HTML only (a table of labelled cells)', async () => {
    const email = await parse(htmlOnlyLead());
    expect(email.lead).toMatchObject(KATHERINE);
    expect(email.lead?.description).toContain('3,000 products from WooCommerce');
    expect(email.fullText).not.toContain('<td>');
  });

  it('is recognised when forwarded inline, quoted, in another order and spacing', async () => {
    const body = [
      'FYI, a lead from the directory.',
      '',
      '---------- Forwarded message ---------',
      'From: Shopify Partners <no-reply@partners.shopify.com>',
      'Subject: New lead',
      '',
      '> Service :   Theme customization',
      '> Budget:$800 USD',
      '> E-mail:  ada@lovelace.example',
      '>   Name:   Ada Lovelace',
      '> Store URL: https://Ada.myshopify.com/',
      '> Description:',
      '> Make my product pages faster.',
    ].join('\n');
    const email = await parse(
      rawEmail({ from: 'Maya <maya@acme-agency.example>', subject: 'Fwd: New lead', body }),
    );
    expect(email.lead).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@lovelace.example',
      store: 'https://Ada.myshopify.com/',
      service: 'Theme customization',
      budget: '$800 USD',
      description: 'Make my product pages faster.',
    });
  });

  it('is recognised when forwarded as an attached message', async () => {
    const boundary = 'fwd-boundary';
    const raw = rawEmail({
      subject: 'Fwd: New lead',
      contentType: `multipart/mixed; boundary="${boundary}"`,
      body: [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See the attached lead.',
        `--${boundary}`,
        'Content-Type: message/rfc822',
        'Content-Disposition: attachment; filename="lead.eml"',
        '',
        LEAD(),
        `--${boundary}--`,
      ].join('\n'),
    });
    const email = await parse(raw);
    expect(email.lead).toMatchObject(KATHERINE);
  });

  it('is not seen in an ordinary email that mentions a name', async () => {
    const email = await parse(rawEmail({ body: 'Name: Grace\nThanks for the quote, talk soon.' }));
    expect(email.lead).toBeNull();
    expect(recogniseLead('Email: a@b.example\nName: A')).toBeUndefined();
  });

  it('has its labels as data: a budget range is kept as text, a single amount is parsed', () => {
    expect(budgetOf('$2,500 - $5,000 USD')).toBeNull();
    expect(budgetOf('$2,500')).toEqual({ amount: '2500', currency: 'USD' });
    expect(budgetOf('800 EUR')).toEqual({ amount: '800', currency: 'EUR' });
    expect(storeOf('https://Ada.myshopify.com/')).toEqual({ domain: 'ada.myshopify.com' });
    expect(storeOf("Ada's Shop")).toEqual({ domain: '', name: "Ada's Shop" });
  });
});

describe('replies', () => {
  it('Gmail: the quoted original under "On … wrote:" is stripped; threading headers read', async () => {
    const email = await parse(GMAIL_REPLY());
    expect(email.replyText).toBe(
      'Monday works for us. I have sent a staff account invite to your team address.\n\nKatherine',
    );
    expect(email.inReplyTo).toBe('jobdesk.m42.5d1e@acme-agency.example');
    expect(email.references).toEqual([
      'lead-7f3a2c91@partners.shopify.com',
      'jobdesk.m42.5d1e@acme-agency.example',
    ]);
    expect(email.plusTokens).toEqual(['c8Yq2nR4']);
    expect(email.fullText).toContain('> Thanks for reaching out.');
  });

  it('Outlook: the "From: … Sent: …" block and what follows are stripped', () => {
    const text = [
      'Sounds good, see you Monday.',
      '',
      '________________________________',
      'From: Acme Agency <jobs@acme-agency.example>',
      'Sent: Tuesday, December 1, 2026 10:30 AM',
      'To: Katherine Johnson <kj@orbit-outfitters.example>',
      'Subject: Re: Your store migration',
      '',
      'Hi Katherine,',
    ].join('\n');
    expect(visibleReply(text)).toBe('Sounds good, see you Monday.');
  });

  it('Apple Mail: "On …, at …, X wrote:" with its quote and "Sent from my iPhone" are stripped', () => {
    const text = [
      'Perfect, thanks!',
      '',
      'Sent from my iPhone',
      '',
      '> On 1 Dec 2026, at 10:30, Acme Agency <jobs@acme-agency.example> wrote:',
      '> ',
      '> Hi Katherine,',
    ].join('\n');
    expect(visibleReply(text)).toBe('Perfect, thanks!');
  });

  it('a signature after "-- " is stripped', () => {
    expect(visibleReply('Yes please.\n\n-- \nKatherine Johnson\nOrbit Outfitters')).toBe(
      'Yes please.',
    );
  });

  it('lists attachments with name and size; HTML-only mail becomes text', async () => {
    const boundary = 'att';
    const raw = rawEmail({
      contentType: `multipart/mixed; boundary="${boundary}"`,
      body: [
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Here is the <b>brief</b>.</p><script>alert(1)</script>',
        `--${boundary}`,
        'Content-Type: application/pdf; name="brief.pdf"',
        'Content-Disposition: attachment; filename="brief.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.alloc(2048, 7).toString('base64'),
        `--${boundary}--`,
      ].join('\n'),
    });
    const email = await parse(raw);
    expect(email.replyText).toBe('Here is the brief.');
    expect(email.attachments).toEqual([
      { name: 'brief.pdf', size: 2048, contentType: 'application/pdf' },
    ]);
  });
});

describe('automatic mail and bounces', () => {
  it.each([
    ['Auto-Submitted', 'auto-replied'],
    ['X-Autoreply', 'yes'],
    ['Precedence', 'auto_reply'],
    ['Precedence', 'bulk'],
    ['List-Id', '<news.shop.example>'],
  ])('%s: %s is automatic', async (name, value) => {
    const email = await parse(
      rawEmail({ headers: { [name]: value }, body: 'I am out of office.' }),
    );
    expect(email.automatic).toBe(true);
  });

  it('Auto-Submitted: no is a person', async () => {
    const email = await parse(rawEmail({ headers: { 'Auto-Submitted': 'no' } }));
    expect(email.automatic).toBe(false);
  });

  it('a delivery status notification names the returned email and the reason', async () => {
    const email = await parse(bounceFor('jobdesk.abc.m1@acme-agency.example'));
    expect(email.bounce).toEqual({
      originalMessageIds: ['jobdesk.abc.m1@acme-agency.example'],
      reason: '5.1.1 550 5.1.1 <kj@orbit-outfitters.example>: mailbox unknown',
    });
    expect(email.automatic).toBe(false);
  });
});

describe('untrusted text', () => {
  it('NUL is removed, lone surrogates become U+FFFD, pairs kept', () => {
    expect(cleanText('a\u0000b\uD800c\uDC00d😀')).toBe('ab\uFFFDc\uFFFDd😀');
  });

  it('an email with NUL in its body and subject is cleaned once, at parse', async () => {
    const email = await parse(rawEmail({ subject: 'Hi\u0000there', body: 'one\u0000two' }));
    expect(email.subject).toBe('Hithere');
    expect(email.replyText).toBe('onetwo');
  });

  it('an email without a Message-ID gets a stand-in that is the same for the same bytes', async () => {
    const raw = rawEmail().replace(/Message-ID: .*\r\n/, '');
    const [a, b] = await Promise.all([parse(raw), parse(raw)]);
    expect(a.messageId).toMatch(/@jobdesk\.invalid$/);
    expect(a.messageId).toBe(b.messageId);
  });

  it('plus tokens come from the envelope and headers, only for our address', async () => {
    const email = await parse(rawEmail({ to: 'jobs+Tok123@acme-agency.example' }), [
      'jobs+Env456@ACME-agency.example',
      'other+Nope@elsewhere.example',
    ]);
    expect(email.plusTokens.sort()).toEqual(['Env456', 'Tok123']);
  });
});
