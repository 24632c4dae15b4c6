import { describe, expect, it } from 'vitest';
import { messageReceivedWire, proposalAcceptedWire } from '../../fixtures/intake-events.ts';
import { BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { labelsOf, latestInChannel, messageAt, numberOf, storedJob, textOf } from './helpers.ts';

const t = useSlackTestApp();

describe('a conversation without a job', () => {
  it('gets an inquiry card, and "Can\'t help" answers politely and closes it', async () => {
    const wire = messageReceivedWire({
      merchantId: 'm_grace',
      body: 'Can you build me a POS app?',
    });
    await t.intake(wire);
    const card = latestInChannel(t);
    expect(textOf(card)).toContain('Ada Lovelace');
    expect(labelsOf(card)).toEqual(expect.arrayContaining(['Reply', "Can't help"]));
    expect(t.slack.channel(JOBS_CHANNEL).thread(card.ts).map(textOf).join('\n')).toContain(
      'Can you build me a POS app?',
    );

    await t.client.click("Can't help", { user: BOB, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'cant_help_modal');
    const prefilled = JSON.stringify(t.slack.openView(BOB)?.blocks);
    expect(prefilled).toContain('Ada');
    const result = await t.client.submitView({ user: BOB });
    expect(result.errors).toBeUndefined();
    await t.settle();

    const answered = messageAt(t, card.ts);
    expect(labelsOf(answered)).toEqual([]);
    expect(textOf(answered)).toContain(`<@${BOB}>`);
    const thread = t.slack.channel(JOBS_CHANNEL).thread(card.ts).map(textOf).join('\n');
    expect(thread).toMatch(/can't take on this request|cannot take on this request/i);
  });

  it('can be answered with Reply, which lands in its thread', async () => {
    await t.intake(messageReceivedWire({ body: 'Do you do SEO audits?' }));
    const card = latestInChannel(t);
    await t.client.click('Reply', { user: BOB, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'inquiry_reply_modal');
    await t.client.submitView({
      user: BOB,
      values: { reply_body: 'We do! Send us your store URL.' },
    });
    await t.settle();
    expect(t.slack.channel(JOBS_CHANNEL).thread(card.ts).map(textOf).join('\n')).toContain(
      'We do! Send us your store URL.',
    );
  });
});

describe('accepted proposals', () => {
  it('for a new store: shown in the thread, no job', async () => {
    const conversationId = 'conv_newstore';
    await t.intake(messageReceivedWire({ conversationId, body: 'Here is my idea' }));
    const card = latestInChannel(t);
    const answer = await t.intake(proposalAcceptedWire({ conversationId, storeChoice: 'new' }));
    expect(answer.body.job).toBeUndefined();
    const thread = t.slack.channel(JOBS_CHANNEL).thread(card.ts).map(textOf).join('\n');
    expect(thread).toContain('Theme speed package');
    expect(textOf(messageAt(t, card.ts))).not.toMatch(/J-\d+/);
  });

  it('for an existing store: the inquiry card becomes the job card, opened and answered', async () => {
    const conversationId = 'conv_existing';
    await t.intake(messageReceivedWire({ conversationId, body: 'Please fix my checkout' }));
    const card = latestInChannel(t);
    const answer = await t.intake(
      proposalAcceptedWire({ conversationId, storeChoice: 'existing', occurredAt: t.clock.now }),
    );
    const number = numberOf(answer);
    expect(await storedJob(t, number)).toMatchObject({ status: 'opened', cardTs: card.ts });
    const turned = messageAt(t, card.ts);
    expect(textOf(turned)).toContain(`J-${number}`);
    expect(labelsOf(turned)).toEqual(expect.arrayContaining(['Reply', 'Assign to me']));
  });
});
