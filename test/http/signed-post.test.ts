import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { verifyIntakeSignature } from '../../src/http/intake/signature.ts';
import { postSignedIntake, signedIntakeHeaders } from '../../src/http/intake/signed-post.ts';

const secret = 'signed-post-secret';
const body = '{"id":"evt_1"}';

describe('signedIntakeHeaders', () => {
  it('signs the body on the given timestamp so the intake verification accepts it', () => {
    const headers = signedIntakeHeaders(secret, body, { timestampSeconds: 1_800_000_000 });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-jobdesk-timestamp']).toBe('1800000000');
    const verdict = verifyIntakeSignature({
      secret,
      timestampHeader: headers['x-jobdesk-timestamp'],
      signatureHeader: headers['x-jobdesk-signature'],
      rawBody: body,
      now: new Date(1_800_000_000 * 1000),
    });
    expect(verdict).toEqual({ ok: true });
  });

  it('signs on real time by default and takes another content type', () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = signedIntakeHeaders(secret, body, { contentType: 'message/rfc822' });
    expect(Number(headers['x-jobdesk-timestamp'])).toBeGreaterThanOrEqual(before);
    expect(Number(headers['x-jobdesk-timestamp'])).toBeLessThanOrEqual(before + 1);
    expect(headers['content-type']).toBe('message/rfc822');
  });
});

describe('postSignedIntake', () => {
  it('POSTs the raw body with the signed headers', async () => {
    const seen: { method?: string; headers?: Record<string, unknown>; body?: string } = {};
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => {
        text += chunk;
      });
      req.on('end', () => {
        Object.assign(seen, { method: req.method, headers: req.headers, body: text });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await postSignedIntake(
        `http://127.0.0.1:${port}/intake/events`,
        secret,
        body,
      );
      expect(response.status).toBe(202);
      expect(seen.method).toBe('POST');
      expect(seen.body).toBe(body);
      const verdict = verifyIntakeSignature({
        secret,
        timestampHeader: seen.headers?.['x-jobdesk-timestamp'] as string,
        signatureHeader: seen.headers?.['x-jobdesk-signature'] as string,
        rawBody: seen.body ?? '',
        now: new Date(),
      });
      expect(verdict).toEqual({ ok: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
