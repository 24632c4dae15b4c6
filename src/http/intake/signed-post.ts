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

/**
 * One offer of an event to a jobdesk's intake API (`baseUrl`: where it listens): true when
 * jobdesk took it (202, or 200 for an event it already had), false on any other answer or when
 * nothing listens (a process just killed). A feeder offers again; the API is idempotent by id.
 */
export async function offerIntakeEvent(
  baseUrl: string,
  secret: string,
  event: unknown,
): Promise<boolean> {
  try {
    const res = await postSignedIntake(`${baseUrl}/intake/events`, secret, JSON.stringify(event));
    await res.arrayBuffer();
    return res.status === 202 || res.status === 200;
  } catch {
    return false;
  }
}
