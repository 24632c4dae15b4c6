import { describe, expect, it } from 'vitest';
import type { JobEvent, Message } from '../../../src/domain/index.ts';
import type { JobDetails } from '../../../src/services/queries.ts';
import { ACTIONS, VIEWS } from '../../../src/slack/ids.ts';
import { jobDetailsModal } from '../../../src/slack/views/modals.ts';
import {
  allText,
  expectNoLiveMarkup,
  HOSTILE,
  interactive,
  makeConversation,
  makeJob,
  makeMerchant,
  makeMessage,
  makeProposal,
  modalProblems,
  NOW,
} from './support.ts';

const MINUTE = 60_000;

function messages(n: number, body: (i: number) => string = (i) => `Message ${i}`): Message[] {
  return Array.from({ length: n }, (_, i) =>
    makeMessage({
      id: i + 1,
      direction: i % 2 ? 'team' : 'merchant',
      authorUserId: i % 2 ? 'U0ALICE' : null,
      body: body(i),
      sentAt: new Date(NOW.getTime() - (n - i) * MINUTE),
    }),
  );
}

function details(overrides: Partial<JobDetails> = {}): JobDetails {
  const list = overrides.messages ?? messages(3);
  return {
    job: makeJob({ assignees: ['U0ALICE'] }),
    merchant: makeMerchant(),
    conversation: makeConversation(),
    messages: list,
    totalMessages: list.length,
    proposals: [],
    events: [],
    ...overrides,
  };
}

function pagerValues(view: ReturnType<typeof jobDetailsModal>) {
  return interactive(view)
    .filter((e) => e.action_id === ACTIONS.historyPage)
    .map((e) => [(e.text as { text: string }).text, e.value]);
}

describe('jobDetailsModal', () => {
  it('shows the job, then the page of the conversation, oldest first', () => {
    const view = jobDetailsModal({ details: details(), page: { offset: 0, limit: 20 }, now: NOW });
    expect(view.callback_id).toBe(VIEWS.jobDetails);
    expect(view.title.text).toBe('J-12 details');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ job: 12, offset: 0 });
    const text = allText(view);
    expect(text).toContain('*J-12 · Speed up my theme*');
    expect(text).toContain('ada@example.com');
    expect(text).toContain('messages 1–3 of 3, oldest first');
    expect(text.indexOf('Message 0')).toBeLessThan(text.indexOf('Message 2'));
    expect(text).toContain('*Ada Lovelace* ·');
    expect(text).toContain('<@U0ALICE> ·');
    expect(pagerValues(view)).toEqual([]);
    expect(modalProblems(view)).toEqual([]);
  });

  it('pages with Older and Newer, valued `<job>:<offset>`', () => {
    const view = jobDetailsModal({
      details: details({ messages: messages(20), totalMessages: 100 }),
      page: { offset: 40, limit: 20 },
      now: NOW,
    });
    expect(pagerValues(view)).toEqual([
      ['Older', '12:20'],
      ['Newer', '12:60'],
    ]);
    expect(allText(view)).toContain('messages 41–60 of 100');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ job: 12, offset: 40 });
    expect(modalProblems(view)).toEqual([]);
  });

  it('lists proposals and the latest activity', () => {
    const events: JobEvent[] = [
      {
        id: 1,
        jobId: 1,
        conversationId: 9,
        actor: 'U0ALICE',
        action: 'open',
        fromStatus: 'new',
        toStatus: 'opened',
        at: NOW,
        details: {},
      },
      {
        id: 2,
        jobId: 1,
        conversationId: 9,
        actor: 'system',
        action: 'expire',
        fromStatus: 'opened',
        toStatus: 'expired',
        at: NOW,
        details: {},
      },
    ];
    const view = jobDetailsModal({
      details: details({ proposals: [makeProposal()], events }),
      page: { offset: 0, limit: 20 },
      now: NOW,
    });
    const text = allText(view);
    expect(text).toContain('Proposal accepted: Theme tweaks — 500.00 USD');
    expect(text).toContain('<@U0ALICE>: open (New → Opened)');
    expect(text).toContain('the 72-hour clock: expire (Opened → Expired)');
  });

  it('stays under 100 blocks with 1,000 messages and continues where it stopped', () => {
    const view = jobDetailsModal({
      details: details({ messages: messages(1000), totalMessages: 1000 }),
      page: { offset: 0, limit: 1000 },
      now: NOW,
    });
    expect(modalProblems(view)).toEqual([]);
    const [newer] = pagerValues(view);
    const shown = Number(String(newer?.[1]).split(':')[1]);
    expect(shown).toBeGreaterThan(50);
    expect(allText(view)).toContain(`messages 1–${shown} of 1000`);
  });

  it('shows a 10,000-character message whole, over several sections', () => {
    const long = 'lorem ipsum & <!channel> '.repeat(400);
    const view = jobDetailsModal({
      details: details({ messages: messages(1, () => long) }),
      page: { offset: 0, limit: 20 },
      now: NOW,
    });
    expect(modalProblems(view)).toEqual([]);
    expect(allText(view)).not.toContain('message cut');
    expect(allText(view).match(/lorem/g)).toHaveLength(400);
  });

  it('starts a long message on the next page rather than cutting it for lack of room', () => {
    const list = messages(90, (i) => (i === 85 ? 'x '.repeat(25_000) : `Message ${i}`));
    const view = jobDetailsModal({
      details: details({ messages: list, totalMessages: 90 }),
      page: { offset: 0, limit: 90 },
      now: NOW,
    });
    expect(modalProblems(view)).toEqual([]);
    expect(pagerValues(view)).toEqual([['Newer', '12:85']]);
    expect(allText(view)).not.toContain('message cut');
    const alone = jobDetailsModal({
      details: details({ messages: list.slice(85), totalMessages: 90 }),
      page: { offset: 85, limit: 90 },
      now: NOW,
    });
    expect(modalProblems(alone)).toEqual([]);
    expect(allText(alone)).not.toContain('message cut');
  });

  it('escapes everything and stays within the limits for extreme input', () => {
    const view = jobDetailsModal({
      details: details({
        job: makeJob({
          number: 999_999_999,
          title: HOSTILE.repeat(30),
          description: `${HOSTILE}\n`.repeat(300),
          service: HOSTILE,
          assignees: Array.from({ length: 60 }, (_, i) => `U0${i}`),
          declinedBy: 'team',
          declineReason: HOSTILE,
          declineNote: HOSTILE.repeat(50),
          status: 'declined',
        }),
        merchant: makeMerchant({ name: HOSTILE.repeat(10), email: HOSTILE, storeDomain: HOSTILE }),
        messages: messages(100, () => `${HOSTILE} 👨‍👩‍👧‍👦 שלום `.repeat(700)),
        totalMessages: 5000,
        proposals: Array.from({ length: 30 }, (_, i) =>
          makeProposal({ id: i, title: HOSTILE.repeat(10) }),
        ),
        events: Array.from({ length: 40 }, (_, i) => ({
          id: i,
          jobId: 1,
          conversationId: 9,
          actor: HOSTILE,
          action: HOSTILE,
          fromStatus: null,
          toStatus: null,
          at: NOW,
          details: {},
        })),
      }),
      page: { offset: 200, limit: 100 },
      now: NOW,
    });
    expect(modalProblems(view)).toEqual([]);
    expectNoLiveMarkup(view);
  });
});
