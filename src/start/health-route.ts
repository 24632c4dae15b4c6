import type { CustomRoute } from '@slack/bolt';
import type { ProcessRole } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { OutboxWorker } from '../delivery/worker.ts';
import { deadDeliveriesCheck } from '../http/dead-deliveries-check.ts';
import { createHealthHandler } from '../http/health.ts';
import type { Services } from '../services/index.ts';
import type { OutboxQueue } from '../services/ports.ts';

export interface HealthDeps {
  role: ProcessRole;
  database: Database;
  worker: OutboxWorker;
  queue: OutboxQueue;
  services: Services;
  workspaceId: string;
}

/** GET /healthz: the database, the outbox moving, and dead deliveries nobody has looked at. */
export function healthRoute(deps: HealthDeps): CustomRoute {
  const { worker, queue } = deps;
  // A web process delivers nothing itself: it is healthy while some worker process keeps the
  // outbox moving, and says where to look when none does.
  const elsewhere = deps.role === 'web';
  return {
    path: '/healthz',
    method: ['GET'],
    handler: createHealthHandler([
      { name: 'database', check: () => deps.database.ping() },
      {
        name: 'outbox',
        async check() {
          const loop = elsewhere
            ? { ok: true, detail: 'none in this process (JOBDESK_ROLE=web)' }
            : worker.health();
          if (!loop.ok) throw new Error(`worker ${loop.detail}`);
          const watch = await worker.watch();
          if (watch.stuck) {
            const hint = elsewhere
              ? ' — this process is JOBDESK_ROLE=web: is a JOBDESK_ROLE=worker process running?'
              : '';
            throw new Error(`delivery stuck: ${watch.detail}${hint}`);
          }
          const depth = await queue.depth(new Date());
          return {
            worker: loop.detail,
            pending: depth.pending,
            dead: depth.dead,
            oldestPendingAgeSeconds:
              depth.oldestAgeMs === null ? null : Math.round(depth.oldestAgeMs / 1000),
          };
        },
      },
      deadDeliveriesCheck(() => deps.services.deadDeliverySummary(deps.workspaceId)),
    ]),
  };
}
