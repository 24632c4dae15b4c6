import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBody } from '../../src/http/read-body.ts';

function request(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers }) as unknown as IncomingMessage;
}

describe('readBody', () => {
  it('returns the exact bytes, multi-byte characters split across chunks included', async () => {
    const bytes = Buffer.from('{"title":"Café ☕"}');
    const body = await readBody(request([bytes.subarray(0, 13), bytes.subarray(13)]), 1024);
    expect(body.equals(bytes)).toBe(true);
  });

  it('reads an empty body', async () => {
    expect((await readBody(request([]), 10)).length).toBe(0);
  });

  it('takes a body of exactly the limit', async () => {
    const body = await readBody(request([Buffer.alloc(6), Buffer.alloc(4)]), 10);
    expect(body.length).toBe(10);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const req = request([Buffer.alloc(1)], { 'content-length': '11' });
    const error = await readBody(req, 10).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ code: 'body_too_large', limitBytes: 10, declaredBytes: 11 });
    expect(req.readableFlowing).toBeNull();
  });

  it('refuses a body that grows over the limit while streaming', async () => {
    const error = await readBody(request([Buffer.alloc(6), Buffer.alloc(5)]), 10).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ limitBytes: 10, declaredBytes: undefined });
  });

  it('rejects when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    const req = Object.assign(failing, { headers: {} }) as unknown as IncomingMessage;
    await expect(readBody(req, 10)).rejects.toThrow('socket hang up');
  });
});
