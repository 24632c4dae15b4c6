import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/slack/ids.ts';
import { inquiryCard } from '../../../src/slack/views/inquiry-card.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  interactive,
  makeConversation,
  makeMerchant,
  makeMessage,
  makeProposal,
  NOW,
} from './support.ts';

const merchant = makeMerchant({ storeName: null });

describe('inquiryCard', () => {
  it('says who wrote without a job and offers Reply, Can’t help and Create job', () => {
    const card = inquiryCard({
      conversation: makeConversation({ id: 77 }),
      merchant,
      messageCount: 2,
      lastMessage: makeMessage({ jobId: null, body: 'Do you do Shopify Plus?' }),
      proposals: [],
    });
    const text = allText(card);
    expect(text).toContain('Ada Lovelace (ada.myshopify.com)* wrote without a job');
    expect(text).toContain('>Do you do Shopify Plus?');
    expect(text).toContain('2 messages');
    expect(interactive(card).map((e) => [e.action_id, e.value])).toEqual([
      [ACTIONS.inquiryReply, '77'],
      [ACTIONS.inquiryCantHelp, '77'],
      [ACTIONS.inquiryCreateJob, '77'],
    ]);
    expect(card.text).toBe('Ada Lovelace wrote without a job');
    expect(blockKitProblems(card, 'message')).toEqual([]);
  });

  it('loses its buttons once the team said it can’t help', () => {
    const card = inquiryCard({
      conversation: makeConversation({ declinedAt: NOW, declinedBy: 'U0BOB' }),
      merchant,
      messageCount: 3,
      proposals: [],
    });
    expect(interactive(card)).toEqual([]);
    expect(allText(card)).toContain("<@U0BOB> answered that we can't help");
    expect(blockKitProblems(card, 'message')).toEqual([]);
  });

  it('lists proposals accepted for a new store', () => {
    const card = inquiryCard({
      conversation: makeConversation(),
      merchant,
      messageCount: 1,
      proposals: [
        makeProposal(),
        makeProposal({ id: 6, title: 'Existing one', storeChoice: 'existing', jobId: 2 }),
        makeProposal({ id: 7, title: 'No price', amount: null, currency: null }),
      ],
    });
    const text = allText(card);
    expect(text).toContain('Proposal accepted: Theme tweaks — 500.00 USD (new store, no job)');
    expect(text).toContain('Proposal accepted: No price (new store, no job)');
    expect(text).not.toContain('Existing one');
  });

  it('escapes the merchant and stays within the limits for extreme input', () => {
    const card = inquiryCard({
      conversation: makeConversation(),
      merchant: makeMerchant({ name: HOSTILE.repeat(100), storeDomain: HOSTILE }),
      messageCount: 10_000,
      lastMessage: makeMessage({ jobId: null, body: `${HOSTILE}\n`.repeat(700) }),
      proposals: Array.from({ length: 50 }, (_, i) =>
        makeProposal({ id: i, title: HOSTILE.repeat(30), amount: '&'.repeat(100) }),
      ),
    });
    expectNoLiveMarkup(card);
    expect(blockKitProblems(card, 'message')).toEqual([]);
    expect(allText(card)).toContain('and 40 more');
  });
});
