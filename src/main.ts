import { startJobdesk } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** Composition root: read the environment once, start, and stop cleanly on a signal. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`jobdesk cannot start — fix the environment:\n${error.message}`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const jobdesk = await startJobdesk(config, { logger });
  for (const line of jobdesk.banner) console.log(line);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await jobdesk.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`jobdesk failed to start: ${(error as Error).message}`);
  process.exit(1);
});
