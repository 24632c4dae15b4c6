import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Loads `.env` from the working directory when there is one (Node's own parser), before the
 * environment is read. A variable set in the real environment wins over the file's: the file
 * holds a machine's defaults, the environment what this start was given.
 */
export function loadEnvFile(path = '.env'): string | undefined {
  const file = resolve(path);
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
