import type { IncomingMessage } from 'node:http';

/** The body exceeded the limit; `declaredBytes` is set when Content-Length alone gave it away. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly code = 'body_too_large';
  constructor(
    readonly limitBytes: number,
    readonly declaredBytes?: number,
  ) {
    super(`request body is larger than ${limitBytes} bytes`);
  }
}

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/**
 * Reads the raw body (signatures are computed over the exact bytes, so no parsing here). Refuses
 * before reading a byte when Content-Length is already over the limit, and stops buffering as
 * soon as a chunked body crosses it, so a large upload never sits in memory.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req);
    if (declared !== undefined && declared > limitBytes) {
      reject(new BodyTooLargeError(limitBytes, declared));
      return;
    }

    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        chunks.length = 0;
        fail(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) => fail(error);
    // 'close' before 'end' means the client went away mid-body.
    const onClose = () => fail(new Error('request closed before the body was complete'));

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
