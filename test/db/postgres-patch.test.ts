// The installed postgres.js carries the guard against writing to a closed socket (applied by
// scripts/patch-postgres.mjs at install, or the driver's own), in every build that is loaded.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILDS, guardOf, KNOWN_VERSION, patch } from '../../scripts/patch-postgres.mjs';

// The folder the app's `import postgres from 'postgres'` loads from.
const root = fileURLToPath(new URL('../../node_modules/postgres/', import.meta.url));

describe('the postgres.js patch', () => {
  it('is in place in the installed driver, which is the version it knows', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(version).toBe(KNOWN_VERSION);
    const builds = BUILDS.filter((file) => existsSync(root + file));
    expect(builds).toContain('src/connection.js');
    for (const file of builds)
      expect(guardOf(readFileSync(root + file, 'utf8')), file).not.toBe('none');
  });

  it('refuses a version it does not know that has no guard of its own', () => {
    const fake = mkdtempSync(join(tmpdir(), 'jobdesk-patch-'));
    try {
      mkdirSync(join(fake, 'src'));
      writeFileSync(join(fake, 'package.json'), JSON.stringify({ version: '3.5.0' }));
      writeFileSync(
        join(fake, 'src/connection.js'),
        'function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n    return x\n  }\n',
      );
      expect(patch(`${fake}/`).problems).toEqual(['src/connection.js']);
      // A release with its own guard needs no patch.
      writeFileSync(
        join(fake, 'src/connection.js'),
        'function nextWrite(fn) {\n    if (!socket) return false\n    return socket.write(chunk, fn)\n  }\n',
      );
      expect(patch(`${fake}/`)).toMatchObject({ patched: 0, problems: [] });
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });
});
