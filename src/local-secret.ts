import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The intake secret of a local run with the embedded database: generated once and kept beside the
 * data, so a newcomer can sign test events without configuring anything.
 */
export function localIntakeSecret(dataDir: string): { secret: string; path: string } {
  const path = join(dataDir, 'intake-secret');
  try {
    return { secret: readFileSync(path, 'utf8').trim(), path };
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(24).toString('hex');
    writeFileSync(path, `${secret}\n`, { mode: 0o600 });
    return { secret, path };
  }
}
