import { offerIntakeEvent } from '../../src/http/intake/signed-post.ts';

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
        taken = await offerIntakeEvent(url, secret, body);
        if (!taken) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!taken) refused++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return refused;
}
