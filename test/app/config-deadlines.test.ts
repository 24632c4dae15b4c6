import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { refusal } from '../support/config-refusal.ts';

describe('the digest and the outbox lease in the environment', () => {
  it('defaults: a digest at 09:00 UTC, leases of 30 s', () => {
    expect(loadConfig({})).toMatchObject({
      digest: { hour: 9, timeZone: 'UTC' },
      outboxLeaseMs: 30_000,
    });
  });

  it('reads them', () => {
    expect(
      loadConfig({
        DIGEST_HOUR: '7',
        DIGEST_TIMEZONE: 'Europe/Stockholm',
        OUTBOX_LEASE_SECONDS: '5',
      }),
    ).toMatchObject({ digest: { hour: 7, timeZone: 'Europe/Stockholm' }, outboxLeaseMs: 5000 });
  });

  it('DIGEST_HOUR=off turns the digest off', () => {
    expect(loadConfig({ DIGEST_HOUR: 'off' }).digest).toBeUndefined();
  });

  it.each([
    [{ DIGEST_HOUR: '24' }, /^DIGEST_HOUR must be an hour from 0 to 23, or off \(got "24"\)$/],
    [{ DIGEST_HOUR: 'nine' }, /^DIGEST_HOUR must be an hour from 0 to 23, or off/],
    [{ DIGEST_TIMEZONE: 'Stockholm' }, /^DIGEST_TIMEZONE must be an IANA time zone/],
    [{ OUTBOX_LEASE_SECONDS: '1' }, /^OUTBOX_LEASE_SECONDS must be a number of seconds from 2/],
  ])('refuses %o', (env, message) => {
    expect(refusal(env)).toMatch(message);
  });
});
