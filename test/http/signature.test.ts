import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signIntakeBody,
  type VerifySignatureInput,
  verifyIntakeSignature,
} from '../../src/http/intake/signature.ts';

const secret = 'shh';
const body = '{"id":"evt_01"}';
const ts = 1_790_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

const verify = (overrides: Partial<VerifySignatureInput> = {}) =>
  verifyIntakeSignature({
    secret,
    timestampHeader: String(ts),
    signatureHeader: signIntakeBody(secret, ts, body),
    rawBody: body,
    now: at(ts),
    ...overrides,
  });

describe('signIntakeBody', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<raw body>"', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(signIntakeBody(secret, ts, body)).toBe(`v1=${expected}`);
  });

  it('signs the same bytes the same way as string or Buffer', () => {
    const text = '{"title":"Café ☕"}';
    expect(signIntakeBody(secret, ts, Buffer.from(text))).toBe(signIntakeBody(secret, ts, text));
  });

  it('refuses an empty secret and a timestamp that is not whole seconds', () => {
    expect(() => signIntakeBody('', ts, body)).toThrow(/secret/);
    expect(() => signIntakeBody(secret, Date.now() + 0.5, body)).toThrow(/unix seconds/);
  });
});

describe('verifyIntakeSignature', () => {
  it('accepts a fresh, correct signature', () => {
    expect(verify()).toEqual({ ok: true });
  });

  it('accepts exactly the tolerance in either direction and refuses one second more', () => {
    expect(verify({ now: at(ts + 300) })).toEqual({ ok: true });
    expect(verify({ now: at(ts - 300) })).toEqual({ ok: true });
    expect(verify({ now: at(ts + 301) }).ok).toBe(false);
    expect(verify({ now: at(ts - 301) }).ok).toBe(false);
  });

  it('uses a custom tolerance', () => {
    expect(verify({ now: at(ts + 30), toleranceSeconds: 10 }).ok).toBe(false);
  });

  it('refuses a stale timestamp even when the signature is right', () => {
    const result = verify({ now: at(ts + 360) });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('300 seconds') });
  });

  it.each<[string, Partial<VerifySignatureInput>, string]>([
    ['a changed body', { rawBody: `${body} ` }, 'does not match'],
    ['another secret', { secret: 'other' }, 'does not match'],
    ['a re-dated timestamp', { timestampHeader: String(ts + 1) }, 'does not match'],
    ['no timestamp', { timestampHeader: undefined }, 'missing timestamp'],
    ['an empty timestamp', { timestampHeader: ' ' }, 'missing timestamp'],
    [
      'a repeated timestamp header',
      { timestampHeader: [String(ts), String(ts)] },
      'more than once',
    ],
    ['no signature', { signatureHeader: undefined }, 'missing signature'],
    ['milliseconds', { timestampHeader: String(ts * 1000) }, 'not unix seconds'],
    ['a date string', { timestampHeader: 'Fri, 27 Nov 2026' }, 'not unix seconds'],
    ['a negative timestamp', { timestampHeader: '-5' }, 'not unix seconds'],
    ['an unknown scheme', { signatureHeader: `v0=${'a'.repeat(64)}` }, 'no v1=<hex>'],
    ['a short digest', { signatureHeader: 'v1=abcd' }, 'no v1=<hex>'],
    ['non-hex', { signatureHeader: `v1=${'z'.repeat(64)}` }, 'no v1=<hex>'],
    ['an empty configured secret', { secret: '' }, 'no signing secret'],
  ])('refuses %s', (_name, overrides, reason) => {
    const result = verify(overrides);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('accepts any matching v1 entry, so secrets can be rotated', () => {
    const header = `${signIntakeBody('old', ts, body)}, ${signIntakeBody(secret, ts, body)}`;
    expect(verify({ signatureHeader: header })).toEqual({ ok: true });
    const wrong = `${signIntakeBody('old', ts, body)},${signIntakeBody('older', ts, body)}`;
    expect(verify({ signatureHeader: wrong }).ok).toBe(false);
  });

  it('accepts upper-case hex', () => {
    const hex = signIntakeBody(secret, ts, body).slice('v1='.length).toUpperCase();
    expect(verify({ signatureHeader: `v1=${hex}` })).toEqual({ ok: true });
  });
});
