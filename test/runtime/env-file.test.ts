// `.env` in the working directory is read at start; the real environment wins over it.

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spawnJobdesk, tempDataDir } from '../support/jobdesk-process.ts';

describe('.env', () => {
  const workDir = tempDataDir('env-file');
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('is read from the working directory, and the real environment wins', async () => {
    const dataDir = join(workDir, 'from-env-file');
    writeFileSync(
      join(workDir, '.env'),
      [
        '# a comment',
        `DATA_DIR=${dataDir}`,
        // The real environment sets PORT: if the file won, this would stop the start.
        'PORT=not-a-port',
        'INTAKE_SIGNING_SECRET="a secret from the .env file"',
      ].join('\n'),
    );
    const jobdesk = await spawnJobdesk({
      cwd: workDir,
      command: [
        process.execPath,
        '--import',
        fileURLToPath(import.meta.resolve('tsx')),
        join(ROOT, 'src/main.ts'),
      ],
      env: {},
    });
    try {
      expect(jobdesk.output()).toContain('read the environment from .env as well');
      // DATA_DIR came from the file; the secret too (no generated one).
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(jobdesk.output()).toContain('signed with INTAKE_SIGNING_SECRET');
    } finally {
      jobdesk.child.kill('SIGTERM');
      expect((await jobdesk.exited).code).toBe(0);
    }
  }, 90_000);
});
