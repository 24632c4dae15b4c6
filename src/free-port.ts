import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on now, as the kernel picks one. Someone may take
 * it before the caller binds it: a caller that cannot tolerate that asks again on EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close(() => reject(new Error('a TCP listener has no port')));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
