import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, messages } from '../../src/db/schema.ts';
import { labelsOf, storedJob, textOf } from '../slack/e2e/helpers.ts';
import { ALICE, BOB, JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { deliverBySmtp, smtpDialogue } from '../support/smtp-relay.ts';
import { bounceFor, htmlOnlyLead, leadWithId, rawEmail, uniqueId } from './messages.ts';
import {
  type EmailTestApp,
  jobOfConversationSource,
  startEmailApp,
  storedEmail,
} from './support.ts';

let e: EmailTestApp;
beforeAll(async () => {
  e = await startEmailApp();
});
afterAll(async () => {
  await e?.close();
});

const threadText = (ts: string) =>
  e.t.slack.channel(JOBS_CHANNEL).thread(ts).map(textOf).join('\n');

/** A lead arrives by SMTP; returns its job number and card. */
async function leadArrives(messageId = uniqueId('lead')) {
  const lead = leadWithId(messageId);
  await deliverBySmtp(e.smtpPort, lead);
  await e.t.settle();
  const job = await jobOfConversationSource(e.t, `email:${messageId}`);
  if (!job) throw new Error('the lead made no job');
  const card = e.t.slack.channel(JOBS_CHANNEL).find(`J-${job.number}`);
  if (!card) throw new Error('the lead has no card');
  // The lead's own Date header (whole seconds), which the job is created at.
  const sentAt = new Date(/^Date: (.*)$/m.exec(lead)?.[1] ?? '');
  return { messageId, number: job.number, card, sentAt };
}

async function replyFromSlack(cardTs: string, body: string, user = ALICE) {
  await e.t.client.click('Reply', { user, in: { channel: JOBS_CHANNEL, ts: cardTs } });
  await e.t.slack.waitFor(() => e.t.slack.openView(user)?.callback_id === 'reply_modal');
  const sent = await e.t.client.submitView({ user, values: { reply_body: body } });
  expect(sent.errors).toBeUndefined();
  await e.t.settle();
}

describe('the loop: a lead by email, a reply from Slack by email, the answer by email', () => {
  it('a Partner Directory lead over SMTP becomes a job with the person in the form as merchant', async () => {
    const { number, card, messageId, sentAt } = await leadArrives();
    const job = await storedJob(e.t, number);
    expect(job).toMatchObject({
      status: 'new',
      title: 'Store migration for orbit-outfitters.myshopify.com',
      service: 'Store migration',
      budgetAmount: null,
    });
    expect(job.description).toContain('3,000 products from WooCommerce');
    expect(job.description).toContain('Budget: $2,500 - $5,000 USD');
    // Created at the email's Date (bounded by arrival), the 72-hour clock from there.
    // The test app's business clock stands still from its start, so "arrival" may come first.
    const createdAt = Math.min(sentAt.getTime(), e.t.clock.now.getTime());
    expect(job.sourceCreatedAt.getTime()).toBe(createdAt);
    expect(job.expiresAt.getTime()).toBe(createdAt + 72 * 3_600_000);
    expect(textOf(card)).toContain('Katherine Johnson');
    expect(textOf(card)).toContain('orbit-outfitters.myshopify.com');
    expect(await storedEmail(e.t, messageId)).toMatchObject([
      { kind: 'lead', direction: 'inbound' },
    ]);
  });

  it('a Reply from Slack reaches the merchant by email, threaded, and the thread says so', async () => {
    const { number, card, messageId } = await leadArrives();
    const before = e.relay.received.length;
    await replyFromSlack(card.ts, 'Hi Katherine,\n\nWe can start Monday. <@channel> & co.');
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    if (!sent) throw new Error('nothing reached the relay');
    expect(sent.to).toEqual(['kj@orbit-outfitters.example']);
    expect(sent.mail.from?.text).toBe('"Acme Agency" <jobs@acme-agency.example>');
    expect(sent.mail.subject).toBe(
      'Re: New lead: Katherine Johnson is interested in your services',
    );
    expect(sent.mail.inReplyTo).toBe(`<${messageId}>`);
    expect(sent.mail.references).toBe(`<${messageId}>`);
    const replyTo = sent.mail.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^jobs\+[A-Za-z0-9]{12}@acme-agency\.example$/);
    expect(sent.mail.text?.trim()).toBe('Hi Katherine,\n\nWe can start Monday. <@channel> & co.');
    // The HTML part is the text, escaped: nothing the team typed becomes markup.
    expect(sent.mail.html).toContain('<p>We can start Monday. &lt;@channel&gt; &amp; co.</p>');
    // The Message-ID it went out with is the one recorded with the message.
    const [recorded] = await e.t.app.database.db
      .select()
      .from(emails)
      .where(eq(emails.messageId, String(sent.mail.messageId).slice(1, -1)));
    expect(recorded).toMatchObject({ direction: 'outbound', kind: 'reply', delivery: 'sent' });
    expect(recorded?.chatMessageId).not.toBeNull();
    expect(threadText(card.ts)).toContain('Emailed to kj@orbit-outfitters.example');
    expect((await storedJob(e.t, number)).status).toBe('responded');
  });

  it("the merchant's answer (In-Reply-To our email) lands in the thread, quote stripped, status moved", async () => {
    const { number, card } = await leadArrives();
    await e.t.client.click('Assign to me', {
      user: BOB,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    await e.t.settle();
    const before = e.relay.received.length;
    await replyFromSlack(card.ts, 'Could you invite us with a staff account?');
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    const ours = String(sent?.mail.messageId);
    const dmsBefore = e.t.slack.dm(BOB).messages().length;
    const answer = rawEmail({
      from: 'Katherine Johnson <kj@orbit-outfitters.example>',
      subject: 'Re: New lead',
      inReplyTo: ours,
      references: ours,
      body: [
        'Monday works. Invite sent.',
        '',
        'Katherine',
        '',
        `On Tue, 1 Dec 2026 at 10:30, Acme Agency <jobs@acme-agency.example> wrote:`,
        '> Could you invite us with a staff account?',
      ].join('\n'),
    });
    await deliverBySmtp(e.smtpPort, answer);
    await e.t.settle();
    const thread = threadText(card.ts);
    expect(thread).toContain('Monday works. Invite sent.');
    expect(thread).not.toContain('> Could you invite us');
    expect((await storedJob(e.t, number)).status).toBe('awaiting_response');
    expect(e.t.slack.dm(BOB).messages().length).toBeGreaterThan(dmsBefore);

    // The whole email, quote included, is readable from the job's details.
    await e.t.client.click('Open', { user: BOB, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    await e.t.slack.waitFor(() => e.t.slack.openView(BOB)?.callback_id === 'job_details_modal');
    await e.t.client.click('From kj@orbit-outfitters.example: Re: New lead', {
      user: BOB,
      in: { modal: true },
    });
    await e.t.slack.waitFor(() => e.t.slack.openView(BOB)?.callback_id === 'email_modal');
    const whole = JSON.stringify(e.t.slack.openView(BOB)?.blocks);
    expect(whole).toContain('Monday works. Invite sent.');
    expect(whole).toContain('&gt; Could you invite us with a staff account?');
    e.t.slack.closeView(BOB, true);
  });

  it('an answer without threading headers finds its thread by the plus token', async () => {
    const { number, card } = await leadArrives();
    const before = e.relay.received.length;
    await replyFromSlack(card.ts, 'What is your launch date?');
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    const replyTo = sent?.mail.replyTo?.value[0]?.address as string;
    await deliverBySmtp(
      e.smtpPort,
      rawEmail({ to: replyTo, subject: 'launch', body: 'January 10th.' }),
      {
        from: 'kj@orbit-outfitters.example',
        to: [replyTo],
      },
    );
    await e.t.settle();
    expect(threadText(card.ts)).toContain('January 10th.');
    expect((await storedJob(e.t, number)).status).toBe('awaiting_response');
  });

  it('a guessed token or a job number in the subject attaches nothing: it is an inquiry', async () => {
    const { card, number } = await leadArrives();
    const id = uniqueId('guess');
    await deliverBySmtp(
      e.smtpPort,
      rawEmail({
        messageId: id,
        to: 'jobs+AAAAAAAAAAAA@acme-agency.example',
        subject: `Re: J-${number}`,
        body: 'Let me in',
      }),
      { from: 'mallory@evil.example', to: ['jobs+AAAAAAAAAAAA@acme-agency.example'] },
    );
    await e.t.settle();
    expect(threadText(card.ts)).not.toContain('Let me in');
    expect(await storedEmail(e.t, id)).toMatchObject([{ kind: 'inquiry' }]);
  });
});

describe('the doors', () => {
  it('the same Message-ID by SMTP and by the signed raw door is stored once', async () => {
    const id = uniqueId('twice');
    const raw = rawEmail({ messageId: id, body: 'Do you build custom apps?' });
    await deliverBySmtp(e.smtpPort, raw);
    const again = await e.postRaw(raw);
    expect(again).toMatchObject({ status: 200, body: { outcome: 'duplicate', kind: 'inquiry' } });
    await deliverBySmtp(e.smtpPort, raw);
    expect(await storedEmail(e.t, id)).toHaveLength(1);
    const stored = await e.t.app.database.db
      .select()
      .from(messages)
      .where(eq(messages.sourceId, `email:${id}`));
    expect(stored).toHaveLength(1);
  });

  it('the same lead sent eight times at once is one job: one 202, seven 200', async () => {
    const id = uniqueId('race');
    const raw = leadWithId(id);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => e.postRaw(raw).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    expect(await storedEmail(e.t, id)).toHaveLength(1);
    expect(await jobOfConversationSource(e.t, `email:${id}`)).toBeDefined();
  });

  it('the raw door takes an HTML-only lead (202), refuses unsigned (401), wrong type (415), garbage (400), too big (413)', async () => {
    const raw = htmlOnlyLead();
    expect((await e.postRaw(raw, { secret: null })).status).toBe(401);
    expect((await e.postRaw(raw, { secret: 'wrong-secret-0123456789' })).status).toBe(401);
    expect((await e.postRaw(raw, { contentType: 'text/plain' })).status).toBe(415);
    expect((await e.postRaw('not an email at all')).status).toBe(400);
    const huge = rawEmail({ body: 'x'.repeat(15 * 1024 * 1024) });
    expect((await e.postRaw(huge)).status).toBe(413);
    const answer = await e.postRaw(raw);
    expect(answer).toMatchObject({ status: 202, body: { outcome: 'accepted', kind: 'lead' } });
    const number = Number(String(answer.body.job).slice(2));
    expect((await storedJob(e.t, number)).title).toBe(
      'Store migration for orbit-outfitters.myshopify.com',
    );
  });

  it('the SMTP receiver refuses other recipients (550, never a relay) and oversize mail (552)', async () => {
    const foreign = await smtpDialogue(e.smtpPort, [
      'EHLO mail.example',
      'MAIL FROM:<spammer@evil.example>',
      'RCPT TO:<victim@elsewhere.example>',
      'RCPT TO:<jobs@other-domain.example>',
      'QUIT',
    ]);
    expect(foreign[1]?.text).toMatch(/SIZE 10485760/);
    expect(foreign.map((r) => r.code)).toEqual([220, 250, 250, 550, 550, 221]);

    const big =
      `Subject: big\r\nMessage-ID: <${uniqueId('big')}>\r\n\r\n${'x'.repeat(998)}\r\n`.repeat(
        Math.ceil((10 * 1024 * 1024) / 1000) + 10,
      );
    const oversize = await smtpDialogue(
      e.smtpPort,
      [
        'EHLO mail.example',
        'MAIL FROM:<a@mail.example>',
        `RCPT TO:<${'jobs'}@acme-agency.example>`,
        'DATA',
        'QUIT',
      ],
      big,
    );
    expect(oversize.map((r) => r.code)).toEqual([220, 250, 250, 250, 354, 552, 221]);
  });
});

describe('automatic mail and bounces', () => {
  it('an out-of-office in a thread is shown as automatic: no status change, no DM', async () => {
    const { number, card } = await leadArrives();
    await e.t.client.click('Assign to me', {
      user: BOB,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    const before = e.relay.received.length;
    await replyFromSlack(card.ts, 'Any news?');
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    const dmsBefore = e.t.slack.dm(BOB).messages().length;
    await deliverBySmtp(
      e.smtpPort,
      rawEmail({
        from: 'kj@orbit-outfitters.example',
        subject: 'Out of office',
        inReplyTo: String(sent?.mail.messageId),
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'I am away until Monday.',
      }),
    );
    await e.t.settle();
    expect(threadText(card.ts)).toMatch(/Automatic email.*\n?.*I am away until Monday/);
    expect((await storedJob(e.t, number)).status).toBe('responded');
    expect(e.t.slack.dm(BOB).messages().length).toBe(dmsBefore);
  });

  it('a bounce marks our email not delivered; the thread and channel are told once', async () => {
    const { card } = await leadArrives();
    const before = e.relay.received.length;
    await replyFromSlack(card.ts, 'Here is our proposal.');
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    const ours = String(sent?.mail.messageId).slice(1, -1);
    await deliverBySmtp(e.smtpPort, bounceFor(ours));
    await deliverBySmtp(e.smtpPort, bounceFor(ours));
    await e.t.settle();
    const [row] = await storedEmail(e.t, ours);
    expect(row).toMatchObject({ delivery: 'not_delivered' });
    expect(row?.deliveryNote).toContain('mailbox unknown');
    const notices = e.t.slack
      .channel(JOBS_CHANNEL)
      .thread(card.ts)
      .map(textOf)
      .filter((text) => text.includes('was not delivered'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('kj@orbit-outfitters.example');
  });
});

describe('inquiries and the other emails jobdesk sends', () => {
  it("any other email is an inquiry from its sender; Can't help sends the polite answer", async () => {
    const id = uniqueId('inq');
    await deliverBySmtp(
      e.smtpPort,
      rawEmail({
        messageId: id,
        from: 'Grace <grace@cobol.example>',
        body: 'Can you build a POS app?',
      }),
    );
    await e.t.settle();
    const card = e.t.slack.channel(JOBS_CHANNEL).latest();
    if (!card) throw new Error('no inquiry card');
    expect(textOf(card)).toContain('Grace');
    expect(labelsOf(card)).toEqual(expect.arrayContaining(['Reply', "Can't help"]));
    const before = e.relay.received.length;
    await e.t.client.click("Can't help", { user: BOB, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    await e.t.slack.waitFor(() => e.t.slack.openView(BOB)?.callback_id === 'cant_help_modal');
    await e.t.client.submitView({ user: BOB });
    await e.t.settle();
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    expect(sent?.to).toEqual(['grace@cobol.example']);
    expect(sent?.mail.inReplyTo).toBe(`<${id}>`);
    expect(sent?.mail.text).toMatch(/can't take on this request|cannot take on this request/i);
  });

  it('Mark complete with "ask for a review" emails the review request', async () => {
    const { card } = await leadArrives();
    const before = e.relay.received.length;
    await e.t.client.click('Mark complete', {
      user: BOB,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    await e.t.slack.waitFor(() => e.t.slack.openView(BOB)?.callback_id === 'complete_modal');
    await e.t.client.submitView({ user: BOB });
    await e.t.settle();
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    expect(sent?.to).toEqual(['kj@orbit-outfitters.example']);
    expect(sent?.mail.text).toMatch(/review/i);
    expect(sent?.mail.text).toContain('Hi Katherine Johnson,');
  });
});

describe('Create job on an inquiry card', () => {
  it('opens the new-job modal prefilled from the email and links the job to the conversation', async () => {
    const id = uniqueId('inq-job');
    await deliverBySmtp(
      e.smtpPort,
      rawEmail({
        messageId: id,
        from: 'Grace Hopper <grace@cobol.example>',
        subject: 'Fwd: Custom checkout app',
        body: 'We need a checkout extension for gift wrapping.',
      }),
    );
    await e.t.settle();
    const card = e.t.slack.channel(JOBS_CHANNEL).latest();
    if (!card) throw new Error('no inquiry card');
    expect(labelsOf(card)).toContain('Create job');
    await e.t.client.click('Create job', { user: BOB, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    await e.t.slack.waitFor(() => e.t.slack.openView(BOB)?.callback_id === 'new_job_modal');
    const prefilled = JSON.stringify(e.t.slack.openView(BOB)?.blocks);
    expect(prefilled).toContain('Custom checkout app');
    expect(prefilled).toContain('Grace Hopper');
    expect(prefilled).toContain('grace@cobol.example');
    expect(prefilled).toContain('gift wrapping');
    const result = await e.t.client.submitView({
      user: BOB,
      values: { new_job_service: 'App development' },
    });
    expect(result.errors).toBeUndefined();
    await e.t.settle();
    const job = await jobOfConversationSource(e.t, `email:${id}`);
    expect(job).toMatchObject({
      title: 'Custom checkout app',
      service: 'App development',
      status: 'new',
      cardTs: card.ts,
    });
    // The inquiry card became the job card, in place; the thread is the job's now.
    expect(textOf(e.t.slack.channel(JOBS_CHANNEL).message(card.ts) ?? card)).toContain(
      `J-${job?.number}`,
    );
    // A reply on the job reaches the inquiry's sender, threaded under their email.
    const before = e.relay.received.length;
    await replyFromSlack(card.ts, 'Happy to build it.');
    const [sent] = (await e.relay.waitFor(before + 1)).slice(before);
    expect(sent?.to).toEqual(['grace@cobol.example']);
    expect(sent?.mail.inReplyTo).toBe(`<${id}>`);
  });
});
