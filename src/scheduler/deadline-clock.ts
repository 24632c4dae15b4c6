import { Cron } from 'croner';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';

export interface DeadlineClockOptions {
  /** Cron expression of the tick (SCHEDULER_TICK). */
  tick: string;
  /** False: no ticks of its own, only `runOnce()` (a JOBDESK_ROLE=web process). */
  ticking?: boolean;
  services: Services;
  /** The install's workspace: every step touches only its rows (expiry, reminders, digest, pruning). */
  workspaceId: string;
  /** The daily digest: from `hour` o'clock in `timeZone`; undefined = no digest. */
  digest: { hour: number; timeZone: string } | undefined;
  logger: Logger;
  /** Delivered outbox rows are kept this long (wall clock), then pruned. Default 7 days. */
  keepDeliveredMs?: number;
}

export interface TickResult {
  expired: number;
  reminded: { '24h': number; '4h': number };
  digest: string | undefined;
  pruned: number;
  /** Steps that failed this time (they are tried again on the next tick). */
  failed: string[];
}

export interface DeadlineClock {
  /** One tick now, on the business clock the services were given (tests, the sandbox). */
  runOnce(): Promise<TickResult>;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The deadline clock: on every tick, expire the jobs whose 72 hours ran out, send the 24- and
 * 4-hour reminders, queue the day's digest once it is due, and prune old delivered outbox rows.
 * Every step is safe with several replicas ticking at once (SKIP LOCKED claims, conditional
 * updates, the digests table's key), so no leader election is needed. A failing step (the
 * database is away) is logged and tried again on the next tick.
 */
export function startDeadlineClock(options: DeadlineClockOptions): DeadlineClock {
  const { services, logger } = options;
  let current: Promise<TickResult> | undefined;

  async function step<T>(name: string, failed: string[], fallback: T, run: () => Promise<T>) {
    try {
      return await run();
    } catch (error) {
      failed.push(name);
      logger.error({ step: name, error: (error as Error).message }, 'deadline clock step failed');
      return fallback;
    }
  }

  async function tick(): Promise<TickResult> {
    const failed: string[] = [];
    const expired = await step('expire', failed, 0, () =>
      services.expireDueJobs(options.workspaceId),
    );
    const reminded = await step('remind', failed, { '24h': 0, '4h': 0 }, () =>
      services.sendDeadlineReminders(options.workspaceId),
    );
    const digest = options.digest;
    const day = digest
      ? await step('digest', failed, undefined, () =>
          services.queueDailyDigest(options.workspaceId, digest),
        )
      : undefined;
    // Deliveries that died since the admins were last told (the app left the channel…): a DM.
    await step('dead deliveries', failed, 0, () =>
      services.announceDeadDeliveries(options.workspaceId),
    );
    const keep = options.keepDeliveredMs ?? WEEK_MS;
    const pruned = await step('prune', failed, 0, () =>
      services.pruneDeliveredOutbox(options.workspaceId, new Date(Date.now() - keep)),
    );
    const result = { expired, reminded, digest: day, pruned, failed };
    if (expired || reminded['24h'] || reminded['4h'] || day) {
      logger.info(result, 'deadline clock ticked');
    }
    return result;
  }

  function runOnce(): Promise<TickResult> {
    // One tick at a time per process; another replica ticking meanwhile is fine.
    const next = (current ?? Promise.resolve()).then(tick, tick);
    current = next;
    return next;
  }

  // croner, not node-cron: node-cron finds each next tick through Intl.DateTimeFormat even with no
  // time zone, which pages about 4.5 MiB of ICU locale data into every process that ticks; croner
  // reads the Date's own fields when no time zone is given. `protect`: no tick overlaps another.
  const task =
    options.ticking === false
      ? undefined
      : new Cron(options.tick, { protect: true }, async () => {
          await runOnce();
        });

  return {
    runOnce,
    async stop() {
      task?.stop();
      await current?.catch(() => undefined);
    },
  };
}
