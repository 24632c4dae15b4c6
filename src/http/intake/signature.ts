import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `v1` signature scheme of the intake API, also used to sign the outbound webhook:
 * `v1=<hex HMAC-SHA256(secret, "<unix seconds>.<raw body>")>`. The timestamp is signed so a
 * captured request cannot be replayed once it falls outside the tolerance.
 */

export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
// Unix seconds only: milliseconds here would pass a naive check and widen the replay window.
const UNIX_SECONDS = /^\d{1,11}$/;

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

export interface VerifySignatureInput {
  secret: string;
  timestampHeader: string | string[] | undefined;
  signatureHeader: string | string[] | undefined;
  rawBody: Buffer | string;
  now: Date;
  toleranceSeconds?: number;
}

function digest(
  secret: string,
  timestampSeconds: number | string,
  rawBody: Buffer | string,
): Buffer {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest();
}

export function signIntakeBody(
  secret: string,
  timestampSeconds: number,
  rawBody: Buffer | string,
): string {
  if (secret === '') throw new Error('a signing secret is required');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new Error(`timestamp must be whole unix seconds, got ${timestampSeconds}`);
  }
  return `${SIGNATURE_VERSION}=${digest(secret, timestampSeconds, rawBody).toString('hex')}`;
}

/**
 * Several comma-separated `v1=` entries are accepted so a sender can sign with an old and a new
 * secret while the secret is being rotated.
 */
function candidateSignatures(header: string): Buffer[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION}=`))
    .map((part) => part.slice(SIGNATURE_VERSION.length + 1))
    .filter((hex) => HEX_SHA256.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
}

function singleHeader(
  header: string | string[] | undefined,
  name: string,
): { value: string } | { reason: string } {
  if (Array.isArray(header)) return { reason: `${name} header sent more than once` };
  const value = header?.trim() ?? '';
  return value === '' ? { reason: `missing ${name} header` } : { value };
}

export function verifyIntakeSignature({
  secret,
  timestampHeader,
  signatureHeader,
  rawBody,
  now,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
}: VerifySignatureInput): SignatureVerdict {
  if (secret === '') return { ok: false, reason: 'no signing secret is configured' };
  const timestampValue = singleHeader(timestampHeader, 'timestamp');
  if ('reason' in timestampValue) return { ok: false, reason: timestampValue.reason };
  const signatureValue = singleHeader(signatureHeader, 'signature');
  if ('reason' in signatureValue) return { ok: false, reason: signatureValue.reason };
  const timestamp = timestampValue.value;
  if (!UNIX_SECONDS.test(timestamp)) {
    return { ok: false, reason: 'timestamp header is not unix seconds' };
  }
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp is more than ${toleranceSeconds} seconds away from the server's clock`,
    };
  }
  const candidates = candidateSignatures(signatureValue.value);
  if (candidates.length === 0) {
    return { ok: false, reason: `signature header has no ${SIGNATURE_VERSION}=<hex> entry` };
  }
  const expected = digest(secret, timestamp, rawBody);
  // Every candidate is 32 bytes (checked by the pattern), as timingSafeEqual requires.
  const matches = candidates.some((candidate) => timingSafeEqual(candidate, expected));
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
