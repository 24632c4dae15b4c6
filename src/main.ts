import { startJobdesk } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/**
 * Composition root: read the environment once, start, and stop cleanly on a signal. Everything it
 * prints is a JSON line (pino), the banner and a refused start included, so one parser reads all.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
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
  startingLogger = logger;
  const jobdesk = await startJobdesk(config, { logger });
  for (const line of jobdesk.banner) logger.info({ banner: true }, line);

  // Graceful stop: no new requests or ticks, deliveries in flight finish, the database closes.
  // A second signal, or a stop that hangs past the grace period, exits at once: the outbox lease
  // hands anything unfinished to the next run, so nothing is lost either way.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
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

let startingLogger: ReturnType<typeof createLogger> | undefined;

main().catch((error: unknown) => {
  (startingLogger ?? createLogger('info')).fatal(
    `jobdesk failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
});
