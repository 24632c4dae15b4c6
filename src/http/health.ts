import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HealthCheck {
  name: string;
  check: () => Promise<void>;
}

/** GET /healthz: 200 when every check passes, 503 naming the ones that failed. */
export function createHealthHandler(checks: HealthCheck[]) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    void Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, `failing: ${(error as Error).message}`] as const;
        }
      }),
    ).then((results) => {
      const healthy = results.every(([, state]) => state === 'ok');
      res.writeHead(healthy ? 200 : 503, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(
        JSON.stringify({ status: healthy ? 'ok' : 'failing', checks: Object.fromEntries(results) }),
      );
    });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
