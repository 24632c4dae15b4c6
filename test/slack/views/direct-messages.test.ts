import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/slack/ids.ts';
import { directMessage } from '../../../src/slack/views/direct-messages.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  interactive,
  jobIn,
  makeJob,
  makeMerchant,
  makeMessage,
  NOW,
} from './support.ts';

const job = makeJob();
const merchant = makeMerchant();

describe('directMessage', () => {
  it('assigned: who assigned you, the key facts, Open and Reply like the card', () => {
    const dm = directMessage({ reason: 'assigned', job, merchant, by: 'U0BOB', now: NOW });
    const text = allText(dm);
    expect(text).toContain('<@U0BOB> assigned you to *J-12 · Speed up my theme*');
    expect(text).toContain('500.00 USD');
    expect(text).toContain('Ada Lovelace');
    expect(interactive(dm).map((e) => [e.action_id, e.value])).toEqual([
      [ACTIONS.openJob, '12'],
      [ACTIONS.reply, '12'],
    ]);
    expect(dm.text).toBe('<@U0BOB> assigned you to J-12 · Speed up my theme');
    expect(blockKitProblems(dm, 'message')).toEqual([]);
  });

  it('merchant_message: the message, quoted', () => {
    const dm = directMessage({
      reason: 'merchant_message',
      job,
      merchant,
      message: makeMessage({ body: 'Any news?' }),
      now: NOW,
    });
    expect(allText(dm)).toContain(
      '*Ada Lovelace* wrote on *J-12 · Speed up my theme*:\n>Any news?',
    );
    expect(blockKitProblems(dm, 'message')).toEqual([]);
  });

  it('status_changed: from, to and by whom', () => {
    const declined = jobIn('declined');
    const byMember = directMessage({
      reason: 'status_changed',
      job: declined,
      merchant,
      by: 'U0BOB',
      from: 'opened',
      to: 'declined',
      now: NOW,
    });
    expect(allText(byMember)).toContain('J-12 moved from Opened to Declined by <@U0BOB>');
    // Closed for good: only what reads (see below).
    expect(interactive(byMember).map((e) => e.action_id)).toEqual([ACTIONS.moreActions]);

    const expired = jobIn('expired');
    const byClock = directMessage({
      reason: 'status_changed',
      job: expired,
      merchant,
      by: 'system',
      from: 'new',
      to: 'expired',
      now: NOW,
    });
    expect(allText(byClock)).toContain('J-12 moved from New to Expired by the 72-hour clock');
    expect(interactive(byClock).map((e) => e.action_id)).toEqual([ACTIONS.moreActions]);

    const byMerchant = directMessage({
      reason: 'status_changed',
      job: declined,
      merchant,
      by: 'merchant',
      from: 'responded',
      to: 'declined',
      now: NOW,
    });
    expect(allText(byMerchant)).toContain('J-12 moved from Responded to Declined by the merchant');
  });

  it('a job closed for good keeps View conversation in its DM, as on its card', () => {
    for (const status of ['declined', 'expired'] as const) {
      const closed = jobIn(status);
      const dm = directMessage({
        reason: 'status_changed',
        job: closed,
        merchant,
        to: status,
        now: NOW,
      });
      expect(
        interactive(dm).map((e) => [e.action_id, e.value]),
        status,
      ).toEqual([[ACTIONS.moreActions, 'view:12']]);
    }
  });

  it('deadline: when the job expires', () => {
    const dm = directMessage({ reason: 'deadline', job, merchant, now: NOW });
    const unix = Math.floor(job.expiresAt.getTime() / 1000);
    expect(allText(dm)).toContain(`J-12 expires <!date^${unix}^`);
    expect(dm.text).toContain('J-12 expires');
    expect(blockKitProblems(dm, 'message')).toEqual([]);
  });

  it('deadline: says what is true when delivered late', () => {
    const answered = directMessage({
      reason: 'deadline',
      job: jobIn('responded'),
      merchant,
      now: NOW,
    });
    expect(allText(answered)).toContain('J-12 no longer expires');
    const late = new Date(job.expiresAt.getTime() + 1000);
    const expired = directMessage({ reason: 'deadline', job, merchant, now: late });
    expect(allText(expired)).toContain('J-12 expired <!date^');
    expect(interactive(expired).map((e) => e.value)).toEqual(['view:12']);
  });

  it('escapes merchant text and stays within the limits for extreme input', () => {
    const hostileJob = makeJob({
      title: `${HOSTILE} 👨‍👩‍👧‍👦 שלום`.repeat(40),
      assignees: Array.from({ length: 60 }, (_, i) => `U0${i}`),
    });
    const hostileMerchant = makeMerchant({ name: HOSTILE.repeat(20) });
    for (const reason of ['assigned', 'merchant_message', 'status_changed', 'deadline'] as const) {
      const dm = directMessage({
        reason,
        job: hostileJob,
        merchant: hostileMerchant,
        by: 'U0BOB',
        from: 'new',
        to: 'opened',
        message: makeMessage({ body: HOSTILE.repeat(150) }),
        now: NOW,
      });
      expect(blockKitProblems(dm, 'message')).toEqual([]);
      expectNoLiveMarkup(dm);
    }
  });
});
