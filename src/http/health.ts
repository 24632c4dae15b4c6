import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HealthCheck {
  name: string;
  /** Throws when failing; may resolve to an object of details to show with "ok". */
  check: () => Promise<unknown>;
}

/**
 * A check that works but needs a person: jobdesk keeps serving (200, so no load balancer takes
 * it out), and /healthz says `degraded` and why.
 */
export class Degraded extends Error {
  override readonly name = 'Degraded';
}

/**
 * GET /healthz: 200 when every check passes, 503 naming the ones that failed; 200 with status
 * `degraded` when some only need attention (Degraded). A check with details reads
 * `{ "status": "ok", …details }`, one without just `"ok"`.
 */
export function createHealthHandler(checks: HealthCheck[]) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    void Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          const details = await withTimeout(check(), 2000);
          const shown =
            details && typeof details === 'object' ? { status: 'ok', ...details } : 'ok';
          return [name, shown, true] as const;
        } catch (error) {
          if (error instanceof Degraded) return [name, `degraded: ${error.message}`, true] as const;
          return [name, `failing: ${(error as Error).message}`, false] as const;
        }
      }),
    ).then((results) => {
      const healthy = results.every(([, , ok]) => ok);
      const degraded = results.some(([, state]) => String(state).startsWith('degraded: '));
      res.writeHead(healthy ? 200 : 503, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(
        JSON.stringify({
          status: healthy ? (degraded ? 'degraded' : 'ok') : 'failing',
          checks: Object.fromEntries(results.map(([name, state]) => [name, state])),
        }),
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
