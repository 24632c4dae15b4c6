import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver } from '@slack/bolt';
import cron from 'node-cron';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { drizzleStore } from './db/store.ts';
import { createHealthHandler } from './http/health.ts';
import { createIntakeHandler, INTAKE_PATH } from './http/intake/route.ts';
import { localIntakeSecret } from './local-secret.ts';
import type { Logger } from './logger.ts';
import { createServices, type Services } from './services/index.ts';

/** The workspace of a run without Slack; with Slack it is the installing team's id. */
export const LOCAL_WORKSPACE = 'local';

export interface StartOptions {
  logger: Logger;
  /** The clock; tests and the sandbox move it. */
  now?: () => Date;
  /** An open database to use instead of the one the config names (tests). */
  database?: Database;
}

export interface Jobdesk {
  url: string;
  port: number;
  workspaceId: string;
  services: Services;
  database: Database;
  intakeSecret: string;
  /** Lines a person starting jobdesk should read. */
  banner: string[];
  stop(): Promise<void>;
}

/** Opens the database, applies migrations, mounts every route on one server and starts the clock. */
export async function startJobdesk(config: Config, options: StartOptions): Promise<Jobdesk> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    }));
  await migrate(database);

  const services = createServices({
    store: drizzleStore(database.db),
    now,
    webhooks: Boolean(config.outboundWebhook),
  });
  const workspaceId = LOCAL_WORKSPACE;
  await services.setUpWorkspace(workspaceId, {
    admins: config.admins,
    jobsChannel: config.jobsChannel,
  });

  const generated = config.intakeSecret ? undefined : localIntakeSecret(config.dataDir);
  const intakeSecret = config.intakeSecret ?? (generated?.secret as string);

  const customRoutes = [
    {
      path: INTAKE_PATH,
      method: ['POST'],
      handler: createIntakeHandler({
        secret: intakeSecret,
        now,
        ingest: (event) => services.ingestEvent(workspaceId, event),
        log: (level, msg, fields) => logger[level](fields ?? {}, msg),
      }),
    },
    {
      path: '/healthz',
      method: ['GET'],
      handler: createHealthHandler([{ name: 'database', check: () => database.ping() }]),
    },
  ];

  // Without Slack the receiver serves only the custom routes: it handles no Slack endpoint, so
  // there is nothing for a signing secret to protect.
  const receiver = new HTTPReceiver({
    signingSecret: randomBytes(16).toString('hex'),
    endpoints: [],
    customRoutes,
    logger: boltLogger(logger),
  });
  const server: Server = await receiver.start(config.port);
  const port = (server.address() as AddressInfo).port;

  const sweep = cron.schedule(
    config.schedulerTick,
    async () => {
      const expired = await services.expireDueJobs();
      if (expired) logger.info({ expired }, 'expired jobs whose 72 hours ran out');
    },
    { name: 'deadline-sweep', noOverlap: true },
  );

  const url = `http://localhost:${port}`;
  const banner = [
    `jobdesk is listening on ${url} (database: ${database.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'Postgres'})`,
    `Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README.md) to post jobs to Slack.`,
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
    intakeSecret,
    banner,
    async stop() {
      await sweep.stop();
      await sweep.destroy();
      await receiver.stop().catch(() => {});
      if (!options.database) await database.close();
    },
  };
}

/** Bolt logs through our structured logger rather than its own console one. */
function boltLogger(logger: Logger) {
  const log = logger.child({ component: 'bolt' });
  let level = 'info';
  return {
    debug: (...msg: unknown[]) => log.debug(msg.join(' ')),
    info: (...msg: unknown[]) => log.info(msg.join(' ')),
    warn: (...msg: unknown[]) => log.warn(msg.join(' ')),
    error: (...msg: unknown[]) => log.error(msg.join(' ')),
    setLevel: (l: string) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  } as unknown as ConstructorParameters<typeof HTTPReceiver>[0]['logger'];
}
