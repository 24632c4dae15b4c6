// Slack's request signing: HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the app's signing
// secret, sent as `X-Slack-Signature: v0=<hex>` next to `X-Slack-Request-Timestamp`.

import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  const hex = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSec}:${body}`)
    .digest('hex');
  return `v0=${hex}`;
}

export function signedHeaders(
  signingSecret: string,
  body: string,
  timestampSec = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'X-Slack-Request-Timestamp': String(timestampSec),
    'X-Slack-Signature': slackSignature(signingSecret, timestampSec, body),
  };
}
