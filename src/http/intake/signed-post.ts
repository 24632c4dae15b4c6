import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './route.ts';
import { signIntakeBody } from './signature.ts';

export interface SignOptions {
  /** Unix seconds to sign with; real time by default (freshness is checked on the wall clock). */
  timestampSeconds?: number;
  contentType?: string;
}

/**
 * The headers of a request signed as an intake sender signs it (jobdesk's outbound webhook signs
 * the same way): the body's type, the timestamp and the `v1=` signature of both.
 */
export function signedIntakeHeaders(
  secret: string,
  rawBody: Buffer | string,
  {
    timestampSeconds = Math.floor(Date.now() / 1000),
    contentType = 'application/json',
  }: SignOptions = {},
): Record<string, string> {
  return {
    'content-type': contentType,
    [TIMESTAMP_HEADER]: String(timestampSeconds),
    [SIGNATURE_HEADER]: signIntakeBody(secret, timestampSeconds, rawBody),
  };
}

export interface SignedPostOptions extends SignOptions {
  signal?: AbortSignal;
}

/** POSTs `rawBody` to `url` (e.g. `<jobdesk>/intake/events`), signed with `secret`. */
export function postSignedIntake(
  url: string,
  secret: string,
  rawBody: string,
  { signal, ...sign }: SignedPostOptions = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: signedIntakeHeaders(secret, rawBody, sign),
    body: rawBody,
    ...(signal ? { signal } : {}),
  });
}
