import { ErrorCode } from '@slack/web-api';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
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
});
