import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The URL of `database` on the embedded PostgreSQL jobdesk runs in `dataDir`: its port from the
 * server's postmaster.pid (fourth line), the password jobdesk generated beside it.
 */
export function embeddedServerUrl(dataDir: string, database: string): string {
  const pidFile = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://jobdesk:${encodeURIComponent(password)}@127.0.0.1:${pidFile[3]}/${database}`;
}
