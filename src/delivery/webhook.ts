import { signedIntakeHeaders } from '../http/intake/signed-post.ts';
import type { OutboxRow } from '../services/ports.ts';
import { DeliveryError, type DeliveryOutcome } from './outcome.ts';

/** Answers that a retry can change; any other 4xx means the receiver refuses this body for good. */
const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

/**
 * Sends one outbound webhook, signed exactly like the intake API (`v1=` HMAC of
 * `<timestamp>.<body>`). The id is stable across retries so the receiver can drop repeats.
 */
export function webhookHandler(target: { url: string; secret: string }, now: () => Date) {
  return async (row: OutboxRow): Promise<DeliveryOutcome> => {
    const { delivery_id: deliveryId, ...payload } = row.payload;
    const id = typeof deliveryId === 'string' ? deliveryId : `jobdesk_${row.id}`;
    const body = JSON.stringify({ id, ...payload });
    const timestamp = Math.floor(now().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: signedIntakeHeaders(target.secret, body, { timestampSeconds: timestamp }),
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
    } catch (error) {
      throw new DeliveryError(`webhook unreachable: ${(error as Error).message}`, false, {
        outage: true,
        code: 'unreachable',
      });
    }
    if (response.ok) return { kind: 'done' };
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new DeliveryError(
      `webhook answered ${response.status}`,
      response.status < 500 && !RETRYABLE_4XX.has(response.status),
      {
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
        outage: response.status >= 500,
        code: `http_${response.status}`,
      },
    );
  };
}
