import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, type JobStatus } from '../../../src/domain/index.ts';
import { ACTIONS } from '../../../src/slack/ids.ts';
import { jobCard } from '../../../src/slack/views/job-card.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  interactive,
  jobIn,
  makeJob,
  makeMerchant,
  NOW,
} from './support.ts';

const merchant = makeMerchant();

/** What a card offers, in a comparable shape: action ids, and the values of the overflow. */
function offered(card: ReturnType<typeof jobCard>) {
  const elements = interactive(card);
  const ids = elements.map((e) => e.action_id);
  const more = elements.find((e) => e.action_id === ACTIONS.moreActions);
  const moreValues =
    more?.type === 'overflow'
      ? (more.options as { value: string }[]).map((o) => o.value)
      : more
        ? [more.value]
        : [];
  return { ids, moreType: more?.type, moreValues };
}

const ALL = [ACTIONS.openJob, ACTIONS.reply, ACTIONS.assignSelf, ACTIONS.assignUsers];

const EXPECTED: Record<JobStatus, { ids: string[]; more: string[]; moreType?: string }> = {
  new: {
    ids: ALL,
    more: ['decline:12', 'mark_inactive:12', 'mark_complete:12', 'view:12'],
    moreType: 'overflow',
  },
  opened: {
    ids: ALL,
    more: ['decline:12', 'mark_inactive:12', 'mark_complete:12', 'view:12'],
    moreType: 'overflow',
  },
  responded: {
    ids: ALL,
    more: ['decline:12', 'mark_inactive:12', 'mark_complete:12', 'view:12'],
    moreType: 'overflow',
  },
  awaiting_response: {
    ids: ALL,
    more: ['decline:12', 'mark_inactive:12', 'mark_complete:12', 'view:12'],
    moreType: 'overflow',
  },
  inactive: {
    ids: ALL,
    more: ['decline:12', 'mark_complete:12', 'reactivate:12', 'view:12'],
    moreType: 'overflow',
  },
  // Only View conversation is left: an overflow needs two options, so it is a plain button.
  completed: { ids: ALL, more: ['view:12'], moreType: 'button' },
  // Closed for good: the same read-only action on both, View conversation.
  declined: { ids: [], more: ['view:12'], moreType: 'button' },
  expired: { ids: [], more: ['view:12'], moreType: 'button' },
};

describe('jobCard', () => {
  it('shows the job, its merchant and store, service, budget, status and deadline', () => {
    const card = jobCard({ job: makeJob({ assignees: ['U0ALICE'] }), merchant, now: NOW });
    const text = allText(card);
    expect(text).toContain('J-12');
    expect(text).toContain('Speed up my theme');
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain("Ada's (ada.myshopify.com)");
    expect(text).toContain('Theme customization');
    expect(text).toContain('500.00 USD');
    expect(text).toContain(':new: New');
    expect(text).toContain('<@U0ALICE>');
    const expires = Math.floor(makeJob().expiresAt.getTime() / 1000);
    expect(text).toContain(`<!date^${expires}^`);
    expect(text).toContain('The home page takes six seconds to load.');
    expect(card.text).toBe('J-12 · Speed up my theme — Ada Lovelace · New');
    expect(blockKitProblems(card, 'message')).toEqual([]);
  });

  it('says nobody is assigned yet, and leaves out a store, service or budget nobody gave', () => {
    const card = jobCard({
      job: makeJob({ service: null, budget: null, description: null }),
      merchant: makeMerchant({ storeDomain: null, storeName: null }),
      now: NOW,
    });
    expect(allText(card)).toContain('Nobody yet');
    expect(allText(card)).toContain('_Not given_');
    expect(blockKitProblems(card, 'message')).toEqual([]);
  });

  it('shows the deadline only while the clock runs', () => {
    const answered = jobIn('responded');
    expect(allText(jobCard({ job: answered, merchant, now: NOW }))).not.toContain('<!date^');
    const opened = jobIn('opened');
    expect(allText(jobCard({ job: opened, merchant, now: NOW }))).toContain('Answer by');
  });

  it.each(JOB_STATUSES)('offers only what the domain allows for a %s job', (status) => {
    const card = jobCard({ job: jobIn(status), merchant, now: NOW });
    const { ids, moreType, moreValues } = offered(card);
    const expected = EXPECTED[status];
    const plainIds = ids.filter((id) => id !== ACTIONS.moreActions);
    expect(plainIds).toEqual(expected.ids);
    expect(moreValues).toEqual(expected.more);
    expect(moreType).toBe(expected.moreType);
    expect(blockKitProblems(card, 'message')).toEqual([]);
  });

  it('gives plain buttons the job number and the overflow `<action>:<number>`', () => {
    const card = jobCard({ job: makeJob({ number: 345 }), merchant, now: NOW });
    for (const el of interactive(card)) {
      if (el.type === 'button') expect(el.value).toBe('345');
      if (el.type === 'overflow') {
        for (const o of el.options as { value: string }[]) expect(o.value).toMatch(/^[a-z_]+:345$/);
      }
    }
    const reply = interactive(card).find((e) => e.action_id === ACTIONS.reply);
    expect(reply?.style).toBe('primary');
  });

  it('presets the picker with the assignees, its block naming the job and the version', () => {
    const card = jobCard({
      job: makeJob({ assignees: ['U0A', 'U0B'], version: 7 }),
      merchant,
      now: NOW,
    });
    const block = card.blocks.find((b) => b.type === 'actions');
    expect(block?.block_id).toBe(`${ACTIONS.assignUsers}:7:12`);
    expect(block?.block_id?.split(':').pop()).toBe('12');
    const picker = interactive(card).find((e) => e.action_id === ACTIONS.assignUsers);
    expect(picker).toMatchObject({
      type: 'multi_users_select',
      initial_users: ['U0A', 'U0B'],
      max_selected_items: 60,
      placeholder: { text: 'Assign…' },
    });
  });

  it('offers Assign to me only while nobody is on the job (the card is the same for everyone)', () => {
    const taken = jobCard({ job: makeJob({ assignees: ['U0A'] }), merchant, now: NOW });
    const ids = interactive(taken).map((e) => e.action_id);
    expect(ids).not.toContain(ACTIONS.assignSelf);
    expect(ids).toContain(ACTIONS.assignUsers);
  });

  it('reads Expired with only View conversation once the deadline passed, even before the sweep', () => {
    const job = makeJob({ status: 'opened', expiresAt: new Date(NOW.getTime() - 1000) });
    const card = jobCard({ job, merchant, now: NOW });
    const text = allText(card);
    expect(text).toContain(':alarm_clock: Expired');
    expect(text).toContain("nobody answered within 72 hours; expired jobs can't be acted on");
    expect(text).not.toContain('Answer by');
    expect(interactive(card).map((e) => [e.action_id, e.value])).toEqual([
      [ACTIONS.moreActions, 'view:12'],
    ]);
    expect(card.text).toContain('Expired');
  });

  it('says who declined and why', () => {
    const team = jobIn('declined', {
      declinedBy: 'team',
      declineReason: 'budget',
      declineNote: 'We start at <!here> 1000 & up',
    });
    const teamText = allText(jobCard({ job: team, merchant, now: NOW }));
    expect(teamText).toContain(
      'Declined by the team: *Budget too low* — We start at &lt;!here&gt; 1000 &amp; up',
    );

    const byMerchant = jobIn('declined', {
      declinedBy: 'merchant',
      declineReason: 'merchant',
      declineNote: 'Found <@U123> cheaper',
    });
    const merchantText = allText(jobCard({ job: byMerchant, merchant, now: NOW }));
    expect(merchantText).toContain('Declined by the merchant: Found &lt;@U123&gt; cheaper');
  });

  it('says a job is completed, and whether a review was requested', () => {
    const done = allText(jobCard({ job: jobIn('completed'), merchant, now: NOW }));
    expect(done).toContain(':white_check_mark: Completed');
    expect(done).not.toContain('Review requested');
    const reviewed = jobCard({
      job: jobIn('completed', { reviewRequested: true }),
      merchant,
      now: NOW,
    });
    expect(allText(reviewed)).toContain('Review requested');
  });

  it('cuts a long description and says where the rest is', () => {
    const card = jobCard({
      job: makeJob({ description: 'word '.repeat(2000) }),
      merchant,
      now: NOW,
    });
    const description = allText(card)
      .split('\n')
      .find((l) => l.startsWith('word'));
    expect(description?.length).toBeLessThanOrEqual(520);
    expect(allText(card)).toContain('View conversation* under More actions has the rest');
  });

  it('escapes everything the merchant wrote', () => {
    const card = jobCard({
      job: makeJob({
        title: HOSTILE,
        description: HOSTILE,
        service: HOSTILE,
        budget: { amount: '<!channel>', currency: '<@U123>' },
      }),
      merchant: makeMerchant({ name: HOSTILE, storeName: HOSTILE, storeDomain: HOSTILE }),
      now: NOW,
    });
    expectNoLiveMarkup(card);
    expect(allText(card)).toContain('&lt;!channel&gt;');
    expect(card.text).toContain('&lt;!channel&gt;');
  });

  it('stays within the limits for extreme input', () => {
    const card = jobCard({
      job: makeJob({
        title: `${'👨‍👩‍👧‍👦 שלום مرحبا & '.repeat(200)}`,
        description: 'x'.repeat(10_000),
        service: 's'.repeat(5000),
        budget: { amount: '9'.repeat(500), currency: 'U'.repeat(500) },
        assignees: Array.from({ length: 60 }, (_, i) => `U0${String(i).padStart(9, '0')}`),
      }),
      merchant: makeMerchant({ name: 'n'.repeat(5000), storeName: '&'.repeat(3000) }),
      now: NOW,
    });
    expect(blockKitProblems(card, 'message')).toEqual([]);
    const picker = interactive(card).find((e) => e.action_id === ACTIONS.assignUsers);
    expect(picker?.initial_users).toHaveLength(60);
  });

  it('fits and stays inert for any job, merchant text and moment', () => {
    const text = (max: number) =>
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: max }),
        fc.constantFrom(HOSTILE, '&'.repeat(max), '👨‍👩‍👧‍👦'.repeat(max / 11)),
      );
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom(...JOB_STATUSES),
          title: text(3000),
          description: fc.option(text(12_000), { nil: null }),
          name: text(500),
          assignees: fc.integer({ min: 0, max: 80 }),
          hoursLeft: fc.integer({ min: -100, max: 100 }),
          note: fc.option(text(3000), { nil: null }),
        }),
        (r) => {
          const job = jobIn(r.status, {
            title: r.title,
            description: r.description,
            declineNote: r.note,
            expiresAt: new Date(NOW.getTime() + r.hoursLeft * 3_600_000),
            assignees: Array.from({ length: r.assignees }, (_, i) => `U0${i}`),
          });
          const card = jobCard({ job, merchant: makeMerchant({ name: r.name }), now: NOW });
          expect(blockKitProblems(card, 'message')).toEqual([]);
          expectNoLiveMarkup(card);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never presets the picker with more people than it holds', () => {
    const assignees = Array.from({ length: 75 }, (_, i) => `U0${i}`);
    const card = jobCard({ job: makeJob({ assignees }), merchant, now: NOW });
    expect(blockKitProblems(card, 'message')).toEqual([]);
    expect(allText(card)).toContain('more');
  });
});
