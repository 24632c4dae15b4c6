import { describe, expect, it } from 'vitest';
import { DECLINE_REASONS, DEFAULT_PREFERENCES } from '../../../src/domain/index.ts';
import { INPUTS, PREFERENCE_FLAGS, VIEWS } from '../../../src/slack/ids.ts';
import {
  cantHelpModal,
  completeModal,
  declineModal,
  inquiryReplyModal,
  newJobModal,
  preferencesModal,
  replyModal,
  serviceLine,
} from '../../../src/slack/views/modals.ts';
import {
  allText,
  expectNoLiveMarkup,
  HOSTILE,
  makeConversation,
  makeJob,
  makeMerchant,
  makeMessage,
  modalProblems,
} from './support.ts';

type Block = Record<string, unknown> & { type: string; block_id?: string };

function inputBlock(view: { blocks: unknown[] }, id: { block: string }) {
  const block = (view.blocks as Block[]).find((b) => b.block_id === id.block);
  expect(block, `input ${id.block}`).toBeDefined();
  return block as Block & { element: Record<string, unknown>; optional?: boolean };
}

const job = makeJob();
const merchant = makeMerchant();
const conversation = makeConversation({ id: 77 });

describe('modals', () => {
  it('reply: callback, metadata, multiline body, Send, and the merchant’s last words', () => {
    const view = replyModal({
      job,
      merchant,
      lastMerchantMessage: makeMessage({ body: 'When can you start?' }),
    });
    expect(view.callback_id).toBe(VIEWS.reply);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ job: 12 });
    expect(view.submit?.text).toBe('Send');
    const body = inputBlock(view, INPUTS.replyBody);
    expect(body.element).toMatchObject({
      type: 'plain_text_input',
      action_id: INPUTS.replyBody.action,
      multiline: true,
    });
    expect(allText(view)).toContain('>When can you start?');
    expect(modalProblems(view)).toEqual([]);
  });

  it('inquiry reply: metadata names the conversation', () => {
    const view = inquiryReplyModal({ conversation, merchant });
    expect(view.callback_id).toBe(VIEWS.inquiryReply);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ conversation: 77 });
    inputBlock(view, INPUTS.replyBody);
    expect(modalProblems(view)).toEqual([]);
  });

  it('can’t help: a polite, editable answer addressed by name', () => {
    const view = cantHelpModal({ conversation, merchant });
    expect(view.callback_id).toBe(VIEWS.cantHelp);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ conversation: 77 });
    const body = inputBlock(view, INPUTS.replyBody);
    expect(body.element.initial_value).toMatch(
      /^Hi Ada, thank you for reaching out\. Unfortunately we can't take on this request right now/,
    );
    expect(modalProblems(view)).toEqual([]);
  });

  it('decline: every reason, and an optional note required for Other', () => {
    const view = declineModal({ job });
    expect(view.callback_id).toBe(VIEWS.decline);
    expect(view.title.text).toBe('Decline J-12');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ job: 12 });
    const reason = inputBlock(view, INPUTS.declineReason);
    expect(reason.optional).toBeUndefined();
    expect(reason.element.type).toBe('static_select');
    expect(reason.element.action_id).toBe(INPUTS.declineReason.action);
    const options = reason.element.options as { value: string; text: { text: string } }[];
    expect(options.map((o) => [o.value, o.text.text])).toEqual(Object.entries(DECLINE_REASONS));
    const note = inputBlock(view, INPUTS.declineNote);
    expect(note.optional).toBe(true);
    expect(note.element).toMatchObject({ multiline: true, action_id: INPUTS.declineNote.action });
    expect((note.hint as { text: string }).text).toBe('Required when the reason is Other');
    expect(modalProblems(view)).toEqual([]);
  });

  it('complete: the review box starts ticked and may be unticked', () => {
    const view = completeModal({ job });
    expect(view.callback_id).toBe(VIEWS.complete);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ job: 12 });
    const review = inputBlock(view, INPUTS.completeReview);
    expect(review.optional).toBe(true);
    expect(review.element.type).toBe('checkboxes');
    expect(review.element.action_id).toBe(INPUTS.completeReview.action);
    const options = review.element.options as { text: { text: string } }[];
    expect(options[0]?.text.text).toBe('Ask the merchant for a review');
    expect(review.element.initial_options).toEqual(options);
    expect(modalProblems(view)).toEqual([]);
  });

  it('preferences: flags, email and services as they are', () => {
    const view = preferencesModal({
      preferences: {
        availableForWork: true,
        shownInSearch: false,
        worksWithDropshippers: true,
        notificationEmail: 'team@agency.com',
        services: [
          { name: 'Theme customization', price: '500', currency: 'USD' },
          { name: 'Audit', price: null, currency: null },
          { name: 'Migration', price: '1200.50', currency: null },
        ],
        updatedBy: 'U0ADMIN',
        updatedAt: new Date('2026-11-01T00:00:00Z'),
      },
    });
    expect(view.callback_id).toBe(VIEWS.preferences);
    const flags = inputBlock(view, INPUTS.prefsFlags);
    expect(flags.optional).toBe(true);
    expect((flags.element.options as { value: string }[]).map((o) => o.value)).toEqual(
      Object.values(PREFERENCE_FLAGS),
    );
    expect((flags.element.initial_options as { value: string }[]).map((o) => o.value)).toEqual([
      PREFERENCE_FLAGS.availableForWork,
      PREFERENCE_FLAGS.worksWithDropshippers,
    ]);
    const email = inputBlock(view, INPUTS.prefsEmail);
    expect(email.optional).toBe(true);
    expect(email.element).toMatchObject({
      type: 'email_text_input',
      action_id: INPUTS.prefsEmail.action,
      initial_value: 'team@agency.com',
    });
    const services = inputBlock(view, INPUTS.prefsServices);
    expect(services.element).toMatchObject({
      multiline: true,
      action_id: INPUTS.prefsServices.action,
      initial_value: 'Theme customization | 500 | USD\nAudit\nMigration | 1200.50',
    });
    expect(allText(view)).toContain('<@U0ADMIN>');
    expect(modalProblems(view)).toEqual([]);
  });

  it('preferences: the defaults tick what is on and leave the rest empty', () => {
    const view = preferencesModal({
      preferences: { ...DEFAULT_PREFERENCES, shownInSearch: false },
    });
    const flags = inputBlock(view, INPUTS.prefsFlags);
    expect((flags.element.initial_options as { value: string }[]).map((o) => o.value)).toEqual([
      PREFERENCE_FLAGS.availableForWork,
    ]);
    expect(inputBlock(view, INPUTS.prefsEmail).element.initial_value).toBeUndefined();
    expect(inputBlock(view, INPUTS.prefsServices).element.initial_value).toBeUndefined();
    const none = preferencesModal({
      preferences: {
        ...DEFAULT_PREFERENCES,
        availableForWork: false,
        shownInSearch: false,
        worksWithDropshippers: false,
      },
    });
    expect(inputBlock(none, INPUTS.prefsFlags).element.initial_options).toBeUndefined();
    expect(modalProblems(none)).toEqual([]);
  });

  it('preferences: a service with a currency but no price keeps its columns', () => {
    expect(serviceLine({ name: 'Audit', price: null, currency: 'EUR' })).toBe('Audit |  | EUR');
  });

  it('preferences: services beyond what the box holds are named, never cut mid-line', () => {
    const services = Array.from({ length: 30 }, (_, i) => ({
      name: `${'S'.repeat(98)}${String(i).padStart(2, '0')}`,
      price: '999999999.99',
      currency: 'USD',
    }));
    const view = preferencesModal({ preferences: { ...DEFAULT_PREFERENCES, services } });
    const initial = String(inputBlock(view, INPUTS.prefsServices).element.initial_value);
    expect(initial.length).toBeLessThanOrEqual(3000);
    for (const line of initial.split('\n')) expect(line).toMatch(/\| 999999999\.99 \| USD$/);
    expect(allText(view)).toMatch(/\d+ more services did not fit/);
    expect(modalProblems(view)).toEqual([]);
  });

  it('new job: every input by its id', () => {
    const view = newJobModal();
    expect(view.callback_id).toBe(VIEWS.newJob);
    for (const id of [
      INPUTS.newJobTitle,
      INPUTS.newJobMerchant,
      INPUTS.newJobEmail,
      INPUTS.newJobStore,
      INPUTS.newJobService,
      INPUTS.newJobBudget,
      INPUTS.newJobDescription,
    ]) {
      expect(inputBlock(view, id).element.action_id).toBe(id.action);
    }
    expect(inputBlock(view, INPUTS.newJobTitle).optional).toBeUndefined();
    expect(inputBlock(view, INPUTS.newJobMerchant).optional).toBeUndefined();
    expect(inputBlock(view, INPUTS.newJobEmail).optional).toBe(true);
    expect(inputBlock(view, INPUTS.newJobBudget).element.placeholder).toMatchObject({
      text: '500 USD',
    });
    expect(modalProblems(view)).toEqual([]);
  });

  it('escape merchant text and stay within the limits for extreme input', () => {
    const hostileJob = makeJob({ number: 999_999_999, title: HOSTILE.repeat(30) });
    const hostileMerchant = makeMerchant({ name: HOSTILE.repeat(30), storeDomain: HOSTILE });
    const views = [
      replyModal({
        job: hostileJob,
        merchant: hostileMerchant,
        lastMerchantMessage: makeMessage({ body: HOSTILE.repeat(200) }),
      }),
      inquiryReplyModal({ conversation, merchant: hostileMerchant }),
      cantHelpModal({ conversation, merchant: hostileMerchant }),
      declineModal({ job: hostileJob }),
      completeModal({ job: hostileJob }),
    ];
    for (const view of views) {
      expect(modalProblems(view)).toEqual([]);
      expectNoLiveMarkup(view);
    }
  });
});
