import { constants, getPriority, setPriority } from 'node:os';
import type { Logger } from '../logger.ts';

/**
 * A JOBDESK_ROLE=worker process is background work: its deliveries can wait a moment, while
 * Slack wants the web processes' acks within 3 seconds. On a machine where both share cores the
 * kernel then gives the web processes the CPU first (nice 10); alone on its machine it loses
 * nothing. Measured on two shared cores (BENCHMARKS.md): the worker's card updates and Home
 * renders ran beside the web process's acks of a burst of 200 clicks.
 */
export function yieldCpuToWebProcesses(logger: Logger): void {
  try {
    // Never above what it was started with (a process manager may have niced it further).
    setPriority(Math.max(getPriority(), constants.priority.PRIORITY_BELOW_NORMAL));
  } catch (error) {
    logger.warn({ err: error }, 'could not lower the worker process priority');
  }
}
