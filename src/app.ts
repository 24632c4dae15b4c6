import type { Config } from './config.ts';
import type { SharedPacerOptions } from './db/channel-pace.ts';
import { type Database, openDatabase } from './db/client.ts';
import { isDatabaseUnavailable, refusedValue } from './db/errors.ts';
import { migrate } from './db/migrate.ts';
import { outboxQueue } from './db/outbox-queue.ts';
import { drizzleStore } from './db/store.ts';
import type { CircuitOptions } from './delivery/circuit.ts';
import { createMetrics, type Metrics } from './delivery/metrics.ts';
import { slackLane } from './delivery/slack-deliveries.ts';
import { OutboxWorker } from './delivery/worker.ts';
import { emailIntake } from './email/inbound.ts';
import { emailSettings } from './email/settings.ts';
import { createIntakeHandler, INTAKE_PATH } from './http/intake/route.ts';
import type { ServerTimeouts } from './http/server-timeouts.ts';
import { UnansweredRequests } from './http/unanswered.ts';
import type { Logger } from './logger.ts';
import { type DeadlineClock, startDeadlineClock } from './scheduler/deadline-clock.ts';
import { createServices, type Services } from './services/index.ts';
import { bannerLines } from './start/banner.ts';
import { CommitSignal } from './start/commit-signal.ts';
import { deliveryHandlers } from './start/deliveries.ts';
import { startEmailReceiver } from './start/email-receiver.ts';
import { emailRoutes } from './start/email-routes.ts';
import { healthRoute } from './start/health-route.ts';
import { intakeSecret } from './start/intake-secret.ts';
import { serve } from './start/serve.ts';
import { slackEnvironment } from './start/slack-environment.ts';

export interface StartOptions {
  logger: Logger;
  /** The clock; tests and the sandbox move it. */
  now?: () => Date;
  /** An open database to use instead of the one the config names (tests); theirs to close. */
  database?: Database;
  /**
   * The database the config names, already being opened (main.ts starts it before this module
   * loads, so an embedded server initialises meanwhile); jobdesk's own, closed by stop().
   */
  openingDatabase?: Promise<Database>;
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
  /** The HTTP server's timeouts (default SERVER_TIMEOUTS); tests shorten them. */
  serverTimeouts?: ServerTimeouts;
  /**
   * The sandbox's mailbox (a local relay as jobdesk's outbound SMTP, the receiver on a free
   * port), when no email is configured. Default: on for a real run, off when a test brings
   * its own database.
   */
  sandboxMail?: boolean;
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
  /** The port of jobdesk's SMTP receiver, when it runs one. */
  smtpPort: number | undefined;
  /** Lines a person starting jobdesk should read. */
  banner: string[];
  stop(): Promise<void>;
}

/**
 * The composition root. Reads top to bottom, each part built before it is used: which Slack →
 * storage → who jobdesk is → services → delivery → HTTP routes → the server (Slack) → email in →
 * clocks. The parts live in src/start; a new way in or out is one line in its place.
 */
export async function startJobdesk(config: Config, options: StartOptions): Promise<Jobdesk> {
  const { logger } = options;
  const testDatabase = Boolean(options.database);

  // Which Slack: the real one of the credentials, or the local sandbox without them.
  const environment = await slackEnvironment(config, {
    logger,
    now: options.now,
    testDatabase,
    sandboxMail: options.sandboxMail,
  });
  const { now, email } = environment;

  // Storage.
  const database =
    options.database ??
    (await options.openingDatabase) ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      log: (level, msg, fields) => logger[level](fields ?? {}, msg),
    }));
  await migrate(database);

  // Who jobdesk is in that Slack: the installing workspace is jobdesk's workspace.
  const connection = await environment.connect(config.port);
  const workspaceId = connection.identity.teamId;

  // Services, over a store that rings after every commit.
  const commits = new CommitSignal();
  const services = createServices({
    store: drizzleStore(database.db, { onCommit: commits.ring }),
    now,
    webhooks: Boolean(config.outboundWebhook),
    email: emailSettings(email),
    ...(options.homeRefreshDelayMs !== undefined && {
      homeRefreshDelayMs: options.homeRefreshDelayMs,
    }),
  });
  await services.setUpWorkspace(workspaceId, {
    admins: [...config.admins, ...environment.admins],
    jobsChannel: config.jobsChannel ?? environment.jobsChannel,
  });
  environment.settle(await services.workspaceFingerprint(workspaceId));

  // Delivery: the outbox worker, woken by every commit. Other replicas find a row they did not
  // write within a poll (1 s). Delivery runs on the wall clock (retries, leases, signatures)
  // even when the business clock is moved; cards render with the business clock.
  const queue = outboxQueue(database.db, workspaceId);
  const metrics = createMetrics({
    outbox: () => queue.depth(new Date()),
    jobsByStatus: () => services.countJobsByStatus(workspaceId),
  });
  // Work that can wait gives way to Slack's requests still waiting for their ack (3 s).
  const unanswered = new UnansweredRequests();
  const worker = new OutboxWorker({
    queue,
    handlers: deliveryHandlers({
      config,
      slack: connection.slack,
      email,
      services,
      database,
      workspaceId,
      now,
      pacing: options.pacing,
      logger,
    }),
    logger: logger.child({ component: 'outbox' }),
    pollMs: options.pollMs,
    leaseMs: config.outboxLeaseMs,
    laneOf: slackLane,
    circuit: options.circuit,
    stuckAfterMs: options.stuckAfterMs,
    observer: metrics.observer,
    isUnavailable: isDatabaseUnavailable,
    giveWay: () => unanswered.answered(),
  });
  commits.subscribe(() => worker.wake());

  // HTTP routes beside Slack's: the intake API, health, metrics, email's doors.
  const intake = intakeSecret(config);
  const acceptEmail = emailIntake(services, workspaceId, email?.inboundAddress);
  const emailLog = (level: 'warn' | 'error', msg: string, fields?: object) =>
    logger[level]({ component: 'email', ...fields }, msg);
  const routes = [
    {
      path: INTAKE_PATH,
      method: ['POST'],
      handler: createIntakeHandler({
        secret: intake.secret,
        now,
        wallClock: () => new Date(),
        ingest: (event) => services.ingestEvent(workspaceId, event),
        refusedValue,
        log: (level, msg, fields) => logger[level](fields ?? {}, msg),
      }),
    },
    healthRoute({ role: config.role, database, worker, queue, services, workspaceId }),
    { path: '/metrics', method: ['GET'], handler: metrics.handler },
    ...emailRoutes({ email, intakeSecret: intake.secret, accept: acceptEmail, log: emailLog }),
  ];

  // The server: Slack's requests and the routes (a worker process serves health and metrics).
  const answersSlack = config.role !== 'worker';
  const server = await serve({
    role: config.role,
    connection,
    slackDeps: { services, workspaceId, now, logger },
    routes,
    environmentRoutes: environment.routes,
    timeouts: options.serverTimeouts,
    unanswered,
  });

  // Email in by SMTP; a port it cannot take stops the start, and what already runs is closed.
  const smtpReceiver = answersSlack
    ? await startEmailReceiver({ email, accept: acceptEmail, log: emailLog }).catch(
        async (error: unknown) => {
          await server.stop().catch(() => {});
          await environment.stop();
          if (!testDatabase) await database.close();
          throw error;
        },
      )
    : undefined;

  // Clocks: a web process leaves delivery and the deadline clock to the worker processes.
  const delivers = config.role !== 'web';
  if (delivers) worker.start();
  const deadlineClock = startDeadlineClock({
    tick: config.schedulerTick,
    ticking: delivers,
    services,
    workspaceId,
    digest: config.digest,
    logger: logger.child({ component: 'deadline-clock' }),
  });

  environment.started({
    intakePath: INTAKE_PATH,
    intakeSecret: intake.secret,
    smtpPort: smtpReceiver?.port,
    tickDeadlineClock: () => deadlineClock.runOnce(),
  });

  const url = `http://localhost:${server.port}`;
  return {
    url,
    port: server.port,
    workspaceId,
    services,
    database,
    worker,
    deadlineClock,
    metrics,
    intakeSecret: intake.secret,
    smtpPort: smtpReceiver?.port,
    banner: bannerLines({
      config,
      url,
      embedded: Boolean(database.embedded),
      environment,
      identity: connection.identity,
      intakePath: INTAKE_PATH,
      intake,
      smtpPort: smtpReceiver?.port,
    }),
    /**
     * Graceful: no new ticks or requests; the tick and the deliveries in flight finish (claimed
     * rows not yet started go back to the outbox), then the database closes. The sandbox ends
     * its page streams before the server closes, which they would hold open.
     */
    async stop() {
      await smtpReceiver?.stop();
      await deadlineClock.stop();
      await environment.stop();
      await server.stop().catch(() => {});
      await worker.stop();
      if (!testDatabase) await database.close();
    },
  };
}
