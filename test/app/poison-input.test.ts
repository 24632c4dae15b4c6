import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cleanText, neutraliseBidi } from '../../src/clean-text.ts';
import { intakeEvents, merchants, messages } from '../../src/db/schema.ts';
import { jobCreatedWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import { cardOf, numberOf, storedJob, textOf } from '../slack/e2e/helpers.ts';
import { ALICE, JOBS_CHANNEL, useSlackTestApp } from '../support/slack-test-app.ts';

// Issue 12, item 4: text Postgres cannot store, dates outside any sane window and bidi controls
// must never turn an event into a 500 forever, nor a card into one that reads reversed.

const NUL = '\u0000';
const LONE = '\ud800';

const t = useSlackTestApp();

describe('cleanText', () => {
  it('drops NUL, replaces lone surrogates, keeps real pairs and everything else', () => {
    expect(cleanText(`a${NUL}b`)).toBe('ab');
    expect(cleanText(`x${LONE}y\udc00z`)).toBe('x\ufffdy\ufffdz');
    expect(cleanText('emoji 👩‍👩‍👧 ok')).toBe('emoji 👩‍👩‍👧 ok');
  });

  it('neutraliseBidi drops overrides, embeddings, isolates and marks', () => {
    expect(neutraliseBidi('\u202Eexe.txt\u202C \u2066a\u2069 \u200Fb')).toBe('exe.txt a b');
  });
});

describe('poison text at the intake API', () => {
  it('a NUL or a lone surrogate in every text field is cleaned, and the job arrives', async () => {
    const wire = jobCreatedWire({ createdAt: t.clock.now });
    const poison = (s: string) => `${s}${NUL}${LONE}`;
    wire.data.job.title = poison('Speed up');
    wire.data.job.description = poison('Slow');
    wire.data.job.service = poison('Theme');
    wire.data.merchant.name = poison('Ada');
    wire.data.merchant.store.name = poison("Ada's");
    const answer = await t.intake(wire);
    expect(answer.status).toBe(202);
    const job = await storedJob(t, numberOf(answer));
    expect(job.title).toBe('Speed up\ufffd');
    expect(job.description).toBe('Slow\ufffd');
    expect(job.service).toBe('Theme\ufffd');
    const [merchant] = await t.app.database.db
      .select()
      .from(merchants)
      .where(eq(merchants.id, job.merchantId));
    expect(merchant?.name).toBe('Ada\ufffd');
    // The event is stored as received (cleaned): jsonb refuses \u0000 and lone surrogates too.
    const [stored] = await t.app.database.db
      .select()
      .from(intakeEvents)
      .where(eq(intakeEvents.eventId, wire.id));
    expect(JSON.stringify(stored?.payload)).not.toContain('\\u0000');

    const message = messageReceivedWire({
      jobId: wire.data.job.id,
      conversationId: wire.data.conversation.id,
      body: poison('Hello'),
    });
    expect((await t.intake(message)).status).toBe(202);
    const [row] = await t.app.database.db
      .select()
      .from(messages)
      .where(eq(messages.sourceId, message.data.message.id));
    expect(row?.body).toBe('Hello\ufffd');
  });

  it('a NUL typed in Slack is cleaned before it is stored', async () => {
    const number = numberOf(await t.intake(jobCreatedWire({ createdAt: t.clock.now })));
    await t.client.command(`/jobs reply J-${number} Hi${NUL} there`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() =>
      (t.slack.ephemerals(ALICE).at(-1)?.text ?? '').includes(
        `Sent to the merchant of J-${number}`,
      ),
    );
    const job = await storedJob(t, number);
    const [row] = await t.app.database.db.select().from(messages).where(eq(messages.jobId, job.id));
    expect(row?.body).toBe('Hi there');
  });
});

describe('dates outside the window', () => {
  it.each([
    ['data.job.created_at', '9999-12-31T00:00:00Z'],
    ['data.job.created_at', '0000-01-01T00:00:00Z'],
    ['data.job.created_at', '1999-12-31T23:59:59Z'],
    ['occurred_at', '0000-01-01T00:00:00Z'],
  ])('%s = %s is a 400 naming the field', async (field, date) => {
    const wire = jobCreatedWire({ createdAt: t.clock.now });
    if (field === 'occurred_at') wire.occurred_at = date;
    else wire.data.job.created_at = date;
    const answer = await t.intake(wire);
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([
      { path: field, message: expect.stringMatching(/^must be between 2000-01-01/) },
    ]);
  });

  it('a message sent more than a day ahead is a 400 naming sent_at; a day ahead is fine', async () => {
    const wire = jobCreatedWire({ createdAt: t.clock.now });
    await t.intake(wire);
    const far = messageReceivedWire({
      jobId: wire.data.job.id,
      conversationId: wire.data.conversation.id,
      sentAt: new Date(t.clock.now.getTime() + 25 * 3600_000),
    });
    const refused = await t.intake(far);
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([
      { path: 'data.message.sent_at', message: expect.stringMatching(/^must be between/) },
    ]);
    const near = messageReceivedWire({
      jobId: wire.data.job.id,
      conversationId: wire.data.conversation.id,
      sentAt: new Date(t.clock.now.getTime() + 23 * 3600_000),
    });
    expect((await t.intake(near)).status).toBe(202);
  });
});

describe('bidirectional controls in what Slack shows', () => {
  it('a right-to-left override in a title does not reach the card', async () => {
    const wire = jobCreatedWire({ createdAt: t.clock.now, title: 'Invoice \u202Efdp.exe' });
    wire.data.merchant.name = '\u2067Ada\u2069';
    const number = numberOf(await t.intake(wire));
    const card = cardOf(t, number);
    const shown = `${card.text}\n${JSON.stringify(card.blocks)}`;
    expect(shown).toContain('Invoice fdp.exe');
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(textOf(card)).toContain('Ada');
    // What was stored is what the merchant sent: only what Slack shows is neutralised.
    expect((await storedJob(t, number)).title).toBe('Invoice \u202Efdp.exe');
  });
});
