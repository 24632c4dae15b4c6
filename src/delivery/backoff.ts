/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const MAX_ATTEMPTS = 12;
const BASE_MS = 1000;
const CAP_MS = 5 * 60 * 1000;

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: retries spread out but never come back at once.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs `write` until it succeeds, pausing 100 ms, 200 ms … 2 s between tries: for a write that
 * must not be lost while the database blinks. Gives up, throwing the last error, when the error
 * is not `retryable` or the next pause would end after `until` (wall-clock ms).
 */
export async function retryWrite<T>(
  write: () => Promise<T>,
  until: number,
  retryable: (error: unknown) => boolean = () => true,
): Promise<T> {
  for (let pause = 100; ; pause = Math.min(pause * 2, 2000)) {
    try {
      return await write();
    } catch (error) {
      if (!retryable(error) || Date.now() + pause > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
