import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CustomRoute } from '@slack/bolt';
import type { Config, SlackConfig } from './config.ts';
import { type SharedPacerOptions, sharedPacer } from './db/channel-pace.ts';
import { type Database, openDatabase } from './db/client.ts';
import { isDatabaseUnavailable, refusedValue } from './db/errors.ts';
import { migrate } from './db/migrate.ts';
import { outboxQueue } from './db/outbox-queue.ts';
import { drizzleStore } from './db/store.ts';
import type { CircuitOptions } from './delivery/circuit.ts';
import { createSlackApi } from './delivery/slack-api.ts';
import { slackDeliveries, slackLane } from './delivery/slack-deliveries.ts';
import { webhookHandler } from './delivery/webhook.ts';
import { type DeliveryHandler, OutboxWorker } from './delivery/worker.ts';
import { MAILGUN_MIME_PATH, MAILGUN_PATH, mailgunHandler } from './email/doors/mailgun-door.ts';
import { POSTMARK_PATH, postmarkHandler } from './email/doors/postmark-door.ts';
import { RAW_EMAIL_PATH, rawEmailHandler } from './email/doors/raw-door.ts';
import { type SmtpReceiver, startSmtpReceiver } from './email/doors/smtp-receiver.ts';
import { emailIntake } from './email/inbound.ts';
import { emailDeliveries } from './email/outbound/send-email.ts';
import { emailSettings } from './email/settings.ts';
import { deadDeliveriesCheck } from './http/dead-deliveries-check.ts';
import { createHealthHandler } from './http/health.ts';
import { createIntakeHandler, INTAKE_PATH } from './http/intake/route.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { serveRoutes } from './http/route-server.ts';
import type { ServerTimeouts } from './http/server-timeouts.ts';
import { localIntakeSecret } from './local-secret.ts';
import type { Logger } from './logger.ts';
import { type DeadlineClock, startDeadlineClock } from './scheduler/deadline-clock.ts';
import { createServices, type Services } from './services/index.ts';
import { TOPICS } from './services/outbox-topics.ts';
import { boltLogger, createSlackApp } from './slack/app.ts';
import { fetchIdentity } from './slack/identity.ts';
import { JOBS_COMMAND, MESSAGES_TAB_READ_ONLY } from './slack/ids.ts';

/** What a JOBDESK_ROLE=worker process serves: nothing a person or Slack sends work to. */
const WORKER_ROUTES = ['/healthz', '/metrics'];

const ROLE_LINES = {
  web: 'Role: web (JOBDESK_ROLE) — answers Slack and the intake API; deliveries and the deadline clock are left to JOBDESK_ROLE=worker processes',
  worker:
    'Role: worker (JOBDESK_ROLE) — delivers the outbox and runs the deadline clock; serves only /healthz and /metrics',
} as const;

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
 * Opens the database, applies migrations, serves Slack, the intake API and health on one server,
 * and starts the outbox worker and the deadline clock.
 */
export async function startJobdesk(config: Config, options: StartOptions): Promise<Jobdesk> {
  const { logger } = options;
  if (!config.slack && config.databaseUrl) {
    // loadConfig refuses this already; a caller building its own Config must not slip past.
    throw new Error(
      'the Slack sandbox runs only on its own embedded database: set Slack credentials',
    );
  }
  // Without Slack credentials jobdesk runs against the local Slack sandbox (src/sandbox), which
  // keeps the business clock so a person can jump ahead to see reminders and expiry.
  // Loaded only then: a jobdesk on Slack never holds the sandbox (its fake Slack, its mailbox).
  const sandboxModule = config.slack ? undefined : await import('./sandbox/index.ts');
  const sandbox =
    sandboxModule &&
    new sandboxModule.Sandbox({
      logger,
      now: options.now,
      jobsChannel: config.jobsChannel,
      stateFile: options.database ? undefined : join(config.dataDir, 'sandbox.json'),
      commands: [JOBS_COMMAND],
      messagesTabReadOnly: MESSAGES_TAB_READ_ONLY,
    });
  const now = sandbox?.now ?? options.now ?? (() => new Date());
  // Without email configured, the sandbox brings its own: email works there with no set-up.
  const emailConfig =
    sandbox &&
    !config.email?.inboundAddress &&
    !config.email?.outbound &&
    (options.sandboxMail ?? !options.database)
      ? await sandbox.mailbox.start()
      : config.email;
  const database =
    options.database ??
    (await options.openingDatabase) ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      log: (level, msg, fields) => logger[level](fields ?? {}, msg),
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
    email: emailSettings(emailConfig),
    ...(options.homeRefreshDelayMs !== undefined && {
      homeRefreshDelayMs: options.homeRefreshDelayMs,
    }),
  });
  await services.setUpWorkspace(workspaceId, {
    admins: [...config.admins, ...(sandbox?.admins ?? [])],
    jobsChannel: config.jobsChannel ?? sandbox?.jobsChannel,
  });
  sandbox?.belongsTo(await services.workspaceFingerprint(workspaceId));

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
  // Email out: the team's replies, "can't help" and review requests, through OUTBOUND_SMTP_URL.
  if (emailConfig?.outbound) {
    Object.assign(handlers, emailDeliveries({ services, outbound: emailConfig.outbound }));
  }
  const queue = outboxQueue(database.db, workspaceId);
  const metrics = createMetrics({
    outbox: () => queue.depth(new Date()),
    jobsByStatus: () => services.countJobsByStatus(workspaceId),
  });
  // Other replicas find a row they did not write within a poll (1 s); the replica that wrote it
  // was woken by the commit. LISTEN/NOTIFY would save that second for the price of a connection
  // to keep alive across database restarts.
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
        now,
        wallClock: () => new Date(),
        ingest: (event) => services.ingestEvent(workspaceId, event),
        refusedValue,
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
            // A web process delivers nothing itself: it is healthy while some worker process
            // keeps the outbox moving, and says where to look when none does.
            const elsewhere = config.role === 'web';
            const loop = elsewhere
              ? { ok: true, detail: 'none in this process (JOBDESK_ROLE=web)' }
              : running.health();
            if (!loop.ok) throw new Error(`worker ${loop.detail}`);
            const watch = await running.watch();
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
        deadDeliveriesCheck(() => services.deadDeliverySummary(workspaceId)),
      ]),
    },
    { path: '/metrics', method: ['GET'], handler: metrics.handler },
  ];

  // Email in: every door feeds one pipeline (src/email), stored once by Message-ID.
  const acceptEmail = emailIntake(services, workspaceId, emailConfig?.inboundAddress);
  const emailLog = (level: 'warn' | 'error', msg: string, fields?: object) =>
    logger[level]({ component: 'email', ...fields }, msg);
  // The signed raw door: one RFC 822 message, signed like /intake/events.
  customRoutes.push({
    path: RAW_EMAIL_PATH,
    method: ['POST'],
    handler: rawEmailHandler({
      secret: intakeSecret,
      now: () => new Date(),
      accept: acceptEmail,
      log: emailLog,
    }),
  });
  // Postmark's inbound webhook, with POSTMARK_INBOUND_AUTH as its basic-auth credentials.
  if (emailConfig?.postmark) {
    customRoutes.push({
      path: POSTMARK_PATH,
      method: ['POST'],
      handler: postmarkHandler({
        credentials: emailConfig.postmark,
        accept: acceptEmail,
        log: emailLog,
      }),
    });
  }
  // Mailgun's route forward, signed with MAILGUN_WEBHOOK_SIGNING_KEY (raw MIME on …/mime).
  if (emailConfig?.mailgunSigningKey) {
    const mailgun = mailgunHandler({
      signingKey: emailConfig.mailgunSigningKey,
      now: () => new Date(),
      accept: acceptEmail,
      log: emailLog,
    });
    for (const path of [MAILGUN_PATH, MAILGUN_MIME_PATH]) {
      customRoutes.push({ path, method: ['POST'], handler: mailgun });
    }
  }

  // A worker process answers no Slack request and takes no intake: it serves health and metrics.
  const answersSlack = config.role !== 'worker';
  const slack = answersSlack
    ? createSlackApp(
        slackConfig,
        identity,
        { services, workspaceId, now, logger },
        sandbox && sandboxModule
          ? [...customRoutes, ...sandboxModule.sandboxRoutes(sandbox)]
          : customRoutes,
        reserved?.port ?? config.port,
        options.serverTimeouts,
      )
    : undefined;
  const server: Server | undefined = slack
    ? await slack.start()
    : await serveRoutes(
        customRoutes.filter((route) => WORKER_ROUTES.includes(route.path)),
        config.port,
      );
  const stopServer = slack
    ? slack.stop
    : () => new Promise<void>((resolve) => server?.close(() => resolve()));
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

  // jobdesk's own SMTP receiver, when INBOUND_SMTP_PORT is set. A port it cannot take stops the
  // start, and what already runs is closed again.
  let smtpReceiver: SmtpReceiver | undefined;
  if (answersSlack && emailConfig?.smtp && emailConfig.inboundAddress) {
    try {
      smtpReceiver = await startSmtpReceiver({
        ...emailConfig.smtp,
        inboundAddress: emailConfig.inboundAddress,
        accept: acceptEmail,
        log: emailLog,
      });
    } catch (error) {
      await stopServer().catch(() => {});
      await sandbox?.stop();
      if (!options.database) await database.close();
      throw new Error(
        `INBOUND_SMTP_PORT: the SMTP receiver cannot listen on ${emailConfig.smtp.host}:${emailConfig.smtp.port} (${(error as Error).message})`,
      );
    }
    sandbox?.mailbox.connect(smtpReceiver.port);
  }

  // A web process leaves delivery and the deadline clock to the worker processes.
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

  const url = `http://localhost:${port}`;
  const banner = [
    `jobdesk is listening on ${url} (database: ${database.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'Postgres'})`,
    sandbox
      ? `Slack sandbox: open ${url}/ — no Slack credentials are set, so jobdesk runs against a local Slack workspace (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to use Slack; anyone who can reach this port can act in the sandbox)`
      : `Slack: connected to ${identity.teamName ?? identity.teamId} ${config.slack?.appToken ? 'over Socket Mode' : `(events at ${url}/slack/events)`}`,
    generated
      ? `Intake API: POST ${url}${INTAKE_PATH}, signed with the secret in ${generated.path}`
      : `Intake API: POST ${url}${INTAKE_PATH}, signed with INTAKE_SIGNING_SECRET`,
    ...(smtpReceiver && emailConfig?.inboundAddress
      ? [
          `Email: SMTP receiver on port ${smtpReceiver.port} for ${emailConfig.inboundAddress} (and its +token forms)${emailConfig === config.email ? '' : " — the sandbox's mailbox sends to it, and its local relay takes jobdesk's replies (the Mailbox tab)"}`,
        ]
      : []),
  ];
  if (!answersSlack) banner.splice(1);
  if (config.role !== 'all') banner.push(ROLE_LINES[config.role]);

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
    smtpPort: smtpReceiver?.port,
    async stop() {
      await smtpReceiver?.stop();
      await deadlineClock.stop();
      await sandbox?.stop();
      await stopServer().catch(() => {});
      await running.stop();
      if (!options.database) await database.close();
    },
  };
}
