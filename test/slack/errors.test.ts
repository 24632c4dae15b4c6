import { ErrorCode } from '@slack/web-api';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { alreadyInState } from '../../src/domain/index.ts';
import { explain } from '../../src/slack/errors.ts';

const logger = pino({ level: 'silent' });

describe('explain (what a person reads when an action fails)', () => {
  it('says a modal could not open in time, and that trying again works', () => {
    // The shape @slack/web-api throws for `{ ok: false, error: "expired_trigger_id" }`.
    const error = Object.assign(new Error('An API error occurred: expired_trigger_id'), {
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'expired_trigger_id' },
    });
    const text = explain(error, logger);
    expect(text).toContain('3 seconds');
    expect(text).toContain('Nothing was changed');
    expect(text).toContain('again');
    expect(text).not.toContain('Something went wrong');
  });

  it('keeps the generic answer for faults of our own', () => {
    expect(explain(new Error('boom'), logger)).toContain('Something went wrong on our side');
  });

  describe('a job someone else already moved', () => {
    const at = new Date('2026-11-30T14:05:00Z');

    it('names a person as a mention in Slack, while the domain says it in plain text', () => {
      const error = alreadyInState(12, 'declined', { actor: 'U0ALICE', at });
      expect(error.message).toBe('J-12 is already declined by U0ALICE on 30 Nov at 14:05 UTC');
      expect(explain(error, logger)).toBe(
        ':warning: J-12 is already declined by <@U0ALICE> on 30 Nov at 14:05 UTC',
      );
    });

    it('names the clock and the merchant in words, in both', () => {
      const byClock = alreadyInState(3, 'expired', { actor: 'system', at });
      expect(byClock.message).toBe(
        'J-3 is already expired by the 72-hour clock on 30 Nov at 14:05 UTC',
      );
      expect(explain(byClock, logger)).toBe(`:warning: ${byClock.message}`);
      const byMerchant = alreadyInState(4, 'declined', { actor: 'merchant', at });
      expect(explain(byMerchant, logger)).toBe(
        ':warning: J-4 is already declined by the merchant on 30 Nov at 14:05 UTC',
      );
    });

    it('says only the state when nobody is known to have moved it', () => {
      expect(explain(alreadyInState(5, 'inactive'), logger)).toBe(
        ':warning: J-5 is already inactive',
      );
    });
  });
});
