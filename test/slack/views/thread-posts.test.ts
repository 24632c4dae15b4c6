import { describe, expect, it } from 'vitest';
import {
  merchantMessagePost,
  proposalPost,
  teamMessagePost,
} from '../../../src/slack/views/thread-posts.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  makeMerchant,
  makeMessage,
  makeProposal,
} from './support.ts';

const merchant = makeMerchant();

describe('thread posts', () => {
  it('posts a merchant message as a quote under the merchant’s name', () => {
    const post = merchantMessagePost({
      message: makeMessage({ body: 'Line one\nLine two' }),
      merchant,
    });
    expect(allText(post)).toContain('*Ada Lovelace* wrote:\n>Line one\n>Line two');
    expect(post.text).toBe('Ada Lovelace wrote: Line one Line two');
    // Where the team answers, it learns that typing in the thread reaches nobody outside it.
    expect(allText(post)).toContain('what you type in this thread is an internal note');
    expect(allText(post)).toContain('*Reply*');
    expect(blockKitProblems(post, 'message')).toEqual([]);
  });

  it('posts a team reply with the author’s mention', () => {
    const post = teamMessagePost({
      message: makeMessage({ direction: 'team', authorUserId: 'U0ALICE', body: 'Sure!' }),
    });
    expect(allText(post)).toContain('<@U0ALICE> replied to the merchant:\n>Sure!');
    expect(allText(post)).toContain('Sent to the merchant');
    expect(blockKitProblems(post, 'message')).toEqual([]);
  });

  it('posts an accepted proposal and what it means for the store', () => {
    const fresh = allText(proposalPost({ proposal: makeProposal(), merchant }));
    expect(fresh).toContain('accepted a proposal: Theme tweaks — 500.00 USD');
    expect(fresh).toContain('no job is created');
    const existing = allText(
      proposalPost({ proposal: makeProposal({ storeChoice: 'existing', jobId: 1 }), merchant }),
    );
    expect(existing).toContain('a job was created');
  });

  it.each([10_000, 50_000])('cuts a %i-character message to one section and says so', (n) => {
    const body = `${'word & <!channel> '.repeat(Math.ceil(n / 18))}`.slice(0, n);
    for (const post of [
      merchantMessagePost({ message: makeMessage({ body }), merchant }),
      teamMessagePost({ message: makeMessage({ body, direction: 'team', authorUserId: 'U0A' }) }),
    ]) {
      expect(blockKitProblems(post, 'message')).toEqual([]);
      expect(post.blocks).toHaveLength(2);
      expect(allText(post)).toContain('(message cut — open View conversation for the whole text)');
      expectNoLiveMarkup(post);
    }
  });

  it('escapes hostile merchant text everywhere', () => {
    const hostileMerchant = makeMerchant({ name: HOSTILE });
    for (const post of [
      merchantMessagePost({ message: makeMessage({ body: HOSTILE }), merchant: hostileMerchant }),
      teamMessagePost({ message: makeMessage({ body: HOSTILE, direction: 'team' }) }),
      proposalPost({
        proposal: makeProposal({ title: HOSTILE, amount: HOSTILE }),
        merchant: hostileMerchant,
      }),
    ]) {
      expectNoLiveMarkup(post);
      expect(allText(post)).toContain('&lt;!channel&gt;');
    }
  });

  it('keeps emoji and right-to-left text whole when cutting', () => {
    const body = '👨‍👩‍👧‍👦 שלום مرحبا '.repeat(1000);
    const post = merchantMessagePost({ message: makeMessage({ body }), merchant });
    expect(blockKitProblems(post, 'message')).toEqual([]);
  });
});
