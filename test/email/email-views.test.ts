import { describe, expect, it } from 'vitest';
import type { StoredEmail } from '../../src/services/ports.ts';
import { emailModal } from '../../src/slack/views/email-modal.ts';
import { automaticEmailPost, notDeliveredPost } from '../../src/slack/views/email-posts.ts';
import { teamMessagePost } from '../../src/slack/views/thread-posts.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  makeMessage,
  NOW,
} from '../slack/views/support.ts';

const email = (overrides: Partial<StoredEmail> = {}): StoredEmail => ({
  id: 7,
  messageId: 'x@mail.example',
  direction: 'inbound',
  kind: 'reply',
  conversationId: 3,
  chatMessageId: null,
  fromAddress: 'kj@orbit-outfitters.example',
  toAddress: null,
  subject: 'Re: Your store migration',
  text: 'From: kj\n\nMonday works.',
  attachments: [],
  inReplyTo: null,
  references: [],
  delivery: null,
  deliveryNote: null,
  sentAt: NOW,
  ...overrides,
});

describe('email in Slack: untrusted, escaped, within Block Kit limits', () => {
  it('a 300,000-character hostile email opens whole-as-can-be, cut with a note, escaped', () => {
    const view = emailModal(email({ text: `${HOSTILE}\n`.repeat(4000), subject: HOSTILE }));
    expect(blockKitProblems(view, 'modal')).toEqual([]);
    expectNoLiveMarkup(view);
    expect(allText(view)).toContain('the email is longer than Slack can show');
  });

  it('an automatic reply and a not-delivered note escape what the email says', () => {
    const auto = automaticEmailPost(
      email({ fromAddress: HOSTILE, subject: HOSTILE, text: HOSTILE.repeat(500) }),
    );
    const bounced = notDeliveredPost(
      email({ direction: 'outbound', toAddress: HOSTILE, deliveryNote: HOSTILE.repeat(100) }),
    );
    for (const post of [auto, bounced]) {
      expect(blockKitProblems(post, 'message')).toEqual([]);
      expectNoLiveMarkup(post);
    }
    expect(allText(auto)).toContain('Automatic email');
    expect(allText(bounced)).toContain('was not delivered');
  });

  it('a team reply that left by email says to whom', () => {
    const post = teamMessagePost({
      message: makeMessage({ direction: 'team', authorUserId: 'U0ALICE' }),
      emailedTo: 'kj@orbit-outfitters.example',
    });
    expect(allText(post)).toContain('Emailed to kj@orbit-outfitters.example');
    expect(allText(teamMessagePost({ message: makeMessage({ direction: 'team' }) }))).not.toContain(
      'Emailed',
    );
  });
});
