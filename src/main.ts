import { ConfigError, loadConfig } from './config.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logger.ts';
import { yieldCpuToWebProcesses } from './start/background-priority.ts';

/**
 * Composition root: read the environment once, start, and stop cleanly on a signal. Everything it
 * prints is a JSON line (pino), the banner and a refused start included, so one parser reads all.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  let envFile: string | undefined;
  try {
    envFile = loadEnvFile();
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // LOG_LEVEL may be the bad variable: the refusal is logged at its own level, always shown.
    const problems = error.message.split('\n');
    createLogger('info').fatal(
      { problems },
      `jobdesk cannot start — fix the environment: ${problems.join('; ')}`,
    );
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  if (envFile) logger.info({ file: envFile }, 'read the environment from .env as well');
  if (config.role === 'worker') yieldCpuToWebProcesses(logger);
  // The database first: an embedded server initialises (a child process) while the rest of
  // jobdesk's modules load, which shortens a first start by most of a second.
  const { openDatabase } = await import('./db/client.ts');
  const openingDatabase = openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    log: (level, msg, fields) => logger[level](fields ?? {}, msg),
  });
  // Awaited by startJobdesk; a failure before then is reported there, not as unhandled.
  openingDatabase.catch(() => {});
  const { startJobdesk } = await import('./app.ts');
  startingLogger = logger;
  const jobdesk = await startJobdesk(config, { logger, openingDatabase });
  // The banner says where jobdesk listens: shown at any LOG_LEVEL, like a refused start (the
  // benchmarks and process managers run with LOG_LEVEL=error and read the address from it).
  const bannerLogger = logger.child({}, { level: 'info' });
  for (const line of jobdesk.banner) bannerLogger.info({ banner: true }, line);

  // Graceful stop: no new requests or ticks, deliveries in flight finish, the database closes.
  // A second signal, or a stop that hangs past the grace period, exits at once: the outbox lease
  // hands anything unfinished to the next run, so nothing is lost either way. A Ctrl-C under
  // `npm start` arrives twice at once (from the terminal, and forwarded by npm): a repeat within
  // a second is that same signal, not a second one.
  let stoppingSince: number | undefined;
  const stop = async (signal: string) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SAME_SIGNAL_MS) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'stopping: finishing deliveries in flight');
    const force = setTimeout(() => {
      logger.error({ graceMs: STOP_GRACE_MS }, 'stop took too long: exiting now');
      process.exit(1);
    }, STOP_GRACE_MS);
    force.unref();
    try {
      await jobdesk.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'stop failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Within Kubernetes' default 30 s termination grace period. */
const STOP_GRACE_MS = 25_000;
const SAME_SIGNAL_MS = 1_000;

let startingLogger: ReturnType<typeof createLogger> | undefined;

main().catch((error: unknown) => {
  (startingLogger ?? createLogger('info')).fatal(
    `jobdesk failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
});
