import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CustomRoute } from '@slack/bolt';
import type { Config, SlackConfig } from './config.ts';
import { type SharedPacerOptions, sharedPacer } from './db/channel-pace.ts';
import { type Database, openDatabase } from './db/client.ts';
import { isDatabaseUnavailable } from './db/errors.ts';
import { migrate } from './db/migrate.ts';
import { outboxQueue } from './db/outbox-queue.ts';
import { drizzleStore } from './db/store.ts';
import type { CircuitOptions } from './delivery/circuit.ts';
import { createSlackApi } from './delivery/slack-api.ts';
import { slackDeliveries, slackLane } from './delivery/slack-deliveries.ts';
import { webhookHandler } from './delivery/webhook.ts';
import { type DeliveryHandler, OutboxWorker } from './delivery/worker.ts';
import { createHealthHandler } from './http/health.ts';
import { createIntakeHandler, INTAKE_PATH } from './http/intake/route.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { localIntakeSecret } from './local-secret.ts';
import type { Logger } from './logger.ts';
import { Sandbox, sandboxRoutes } from './sandbox/index.ts';
import { type DeadlineClock, startDeadlineClock } from './scheduler/deadline-clock.ts';
import { createServices, type Services } from './services/index.ts';
import { TOPICS } from './services/outbox-topics.ts';
import { boltLogger, createSlackApp } from './slack/app.ts';
import { fetchIdentity } from './slack/identity.ts';

export interface StartOptions {
  logger: Logger;
  /** The clock; tests and the sandbox move it. */
  now?: () => Date;
  /** An open database to use instead of the one the config names (tests). */
  database?: Database;
  /** How often the outbox worker looks for work nobody woke it for. */
  pollMs?: number;
  /**
   * Slack posts per channel, across every replica on the database (default: 5% under 1 a second,
   * bursts of 3); tests with big bursts raise it.
   */
  pacing?: Pick<SharedPacerOptions, 'perSecond' | 'burst'>;
  /** When the outbox worker gives up on an unreachable Slack or webhook, and probes again. */
  circuit?: CircuitOptions;
  /** How long rows may be due with nothing delivered before /healthz says delivery is stuck. */
  stuckAfterMs?: number;
  /** How long Home refreshes wait (default HOME_REFRESH_DELAY_MS); tests with a still clock: 0. */
  homeRefreshDelayMs?: number;
}

export interface Jobdesk {
  url: string;
  port: number;
  workspaceId: string;
  services: Services;
  database: Database;
  worker: OutboxWorker;
  /** Expiry, reminders, the digest: ticks on SCHEDULER_TICK; `runOnce()` ticks now. */
  deadlineClock: DeadlineClock;
  metrics: Metrics;
  intakeSecret: string;
  /** Lines a person starting jobdesk should read. */
  banner: string[];
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, serves Slack, the intake API and health on one server,
 * and starts the outbox worker and the deadline clock.
 */
export async function startJobdesk(config: Config, options: StartOptions): Promise<Jobdesk> {
  const { logger } = options;
  // Without Slack credentials jobdesk runs against the local Slack sandbox (src/sandbox), which
  // keeps the business clock so a person can jump ahead to see reminders and expiry.
  const sandbox = config.slack
    ? undefined
    : new Sandbox({
        logger,
        now: options.now,
        jobsChannel: config.jobsChannel,
        stateFile: options.database ? undefined : join(config.dataDir, 'sandbox.json'),
      });
  const now = sandbox?.now ?? options.now ?? (() => new Date());
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    }));
  await migrate(database);

  // The sandbox's Web API is served on jobdesk's port; it holds the port alone until jobdesk's
  // server takes it over, so auth.test reaches it exactly as it would reach Slack.
  const reserved = sandbox ? await sandbox.reservePort(config.port) : undefined;
  const slackConfig = (config.slack ?? reserved?.slack) as SlackConfig;
  const identity = await fetchIdentity(slackConfig).finally(() => reserved?.release());
  const workspaceId = identity.teamId;

  let worker: OutboxWorker | undefined;
  const services = createServices({
    store: drizzleStore(database.db, { onCommit: () => worker?.wake() }),
    now,
    webhooks: Boolean(config.outboundWebhook),
    ...(options.homeRefreshDelayMs !== undefined && {
      homeRefreshDelayMs: options.homeRefreshDelayMs,
    }),
  });
  await services.setUpWorkspace(workspaceId, {
    admins: [...config.admins, ...(sandbox?.admins ?? [])],
    jobsChannel: config.jobsChannel ?? sandbox?.jobsChannel,
  });

  const handlers: Record<string, DeliveryHandler> = {};
  Object.assign(
    handlers,
    slackDeliveries({
      services,
      slack: createSlackApi(
        slackConfig.botToken,
        slackConfig.apiUrl,
        boltLogger(logger.child({ component: 'slack-api' })),
      ),
      now,
      // The pace lives in the database: replicas share each channel's one message a second.
      pacer: sharedPacer(
        database.db,
        workspaceId,
        options.pacing ?? { perSecond: config.channelPostsPerSecond },
      ),
      isUnavailable: isDatabaseUnavailable,
    }),
  );
  // Delivery runs on the wall clock (retries, leases, webhook signatures) even when the
  // business clock is moved by a test or the sandbox; cards render with the business clock.
  if (config.outboundWebhook) {
    handlers[TOPICS.webhook] = webhookHandler(config.outboundWebhook, () => new Date());
  }
  const queue = outboxQueue(database.db);
  const metrics = createMetrics({
    outbox: () => queue.depth(new Date()),
    jobsByStatus: () => services.countJobsByStatus(workspaceId),
  });
  // Other replicas find a row they did not write within a poll (1 s); the replica that wrote it
  // was woken by the commit. LISTEN/NOTIFY would save that second for the price of a connection
  // to keep alive across database restarts (and PGlite has no other processes to tell).
  worker = new OutboxWorker({
    queue,
    handlers,
    logger: logger.child({ component: 'outbox' }),
    pollMs: options.pollMs,
    leaseMs: config.outboxLeaseMs,
    laneOf: slackLane,
    circuit: options.circuit,
    stuckAfterMs: options.stuckAfterMs,
    observer: metrics.observer,
    isUnavailable: isDatabaseUnavailable,
  });
  const running = worker;

  const generated = config.intakeSecret ? undefined : localIntakeSecret(config.dataDir);
  const intakeSecret = config.intakeSecret ?? (generated?.secret as string);
  const customRoutes: CustomRoute[] = [
    {
      path: INTAKE_PATH,
      method: ['POST'],
      handler: createIntakeHandler({
        secret: intakeSecret,
        wallClock: () => new Date(),
        ingest: (event) => services.ingestEvent(workspaceId, event),
        log: (level, msg, fields) => logger[level](fields ?? {}, msg),
      }),
    },
    {
      path: '/healthz',
      method: ['GET'],
      handler: createHealthHandler([
        { name: 'database', check: () => database.ping() },
        {
          name: 'outbox',
          async check() {
            const loop = running.health();
            if (!loop.ok) throw new Error(`worker ${loop.detail}`);
            const watch = await running.watch();
            if (watch.stuck) throw new Error(`delivery stuck: ${watch.detail}`);
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
      ]),
    },
    { path: '/metrics', method: ['GET'], handler: metrics.handler },
  ];

  const slack = createSlackApp(
    slackConfig,
    identity,
    { services, workspaceId, now, logger },
    sandbox ? [...customRoutes, ...sandboxRoutes(sandbox)] : customRoutes,
    reserved?.port ?? config.port,
  );
  const server: Server | undefined = await slack.start();
  const stopServer = slack.stop;
  const port = server ? (server.address() as AddressInfo).port : config.port;
  sandbox?.connect({
    intakePath: INTAKE_PATH,
    intakeSecret,
    // A jump runs one tick of the deadline clock on the moved clock: expiry, reminders, digest.
    onClockJump: async () => {
      const { expired, reminded } = await deadlineClock.runOnce();
      const reminders = reminded['24h'] + reminded['4h'];
      const parts = [
        expired ? `${expired} job${expired === 1 ? '' : 's'} expired` : '',
        reminders ? `${reminders} reminder${reminders === 1 ? '' : 's'} sent` : '',
      ].filter(Boolean);
      return parts.join(', ') || undefined;
    },
  });
  worker.start();

  const deadlineClock = startDeadlineClock({
    tick: config.schedulerTick,
    services,
    workspaceId,
    digest: config.digest,
    logger: logger.child({ component: 'deadline-clock' }),
  });

  const url = `http://localhost:${port}`;
  const banner = [
    `jobdesk is listening on ${url} (database: ${database.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'Postgres'})`,
    sandbox
      ? `Slack sandbox: open ${url}/ — no Slack credentials are set, so jobdesk runs against a local Slack workspace (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to use Slack; anyone who can reach this port can act in the sandbox)`
      : `Slack: connected to ${identity.teamName ?? identity.teamId} ${config.slack?.appToken ? 'over Socket Mode' : `(events at ${url}/slack/events)`}`,
    generated
      ? `Intake API: POST ${url}${INTAKE_PATH}, signed with the secret in ${generated.path}`
      : `Intake API: POST ${url}${INTAKE_PATH}, signed with INTAKE_SIGNING_SECRET`,
  ];

  return {
    url,
    port,
    workspaceId,
    services,
    database,
    worker: running,
    deadlineClock,
    metrics,
    intakeSecret,
    banner,
    /**
     * Graceful: no new ticks or requests; the tick and the deliveries in flight finish (claimed
     * rows not yet started go back to the outbox), then the database closes.
     */
    async stop() {
      await deadlineClock.stop();
      await sandbox?.stop();
      await stopServer().catch(() => {});
      await running.stop();
      if (!options.database) await database.close();
    },
  };
}
