import { postSignedIntake } from '../../src/http/intake/signed-post.ts';

/**
 * One signed offer of an event to a jobdesk's intake API: true when jobdesk took it (202, or
 * 200 for an event it already had), false on any other answer or when nothing listens (a
 * process just killed).
 */
export async function offerEvent(baseUrl: string, secret: string, body: unknown): Promise<boolean> {
  try {
    const res = await postSignedIntake(`${baseUrl}/intake/events`, secret, JSON.stringify(body));
    await res.arrayBuffer();
    return res.status === 202 || res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Offers every event to its jobdesk, `concurrency` at a time, each offered again (a feeder
 * retries; the API is idempotent by event id) up to `attempts` times. Returns how many were
 * never taken.
 */
export async function offerAll(
  offers: { url: string; body: unknown }[],
  secret: string,
  concurrency: number,
  attempts = 20,
): Promise<number> {
  let next = 0;
  let refused = 0;
  const lane = async () => {
    while (next < offers.length) {
      const { url, body } = offers[next++] as { url: string; body: unknown };
      let taken = false;
      for (let attempt = 1; !taken && attempt <= attempts; attempt++) {
        taken = await offerEvent(url, secret, body);
        if (!taken) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!taken) refused++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return refused;
}
