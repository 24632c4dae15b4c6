// As root, the embedded PostgreSQL runs as the user postgres. A newcomer who clones jobdesk into a
// private folder (a root's home, `mktemp -d`) must still get a working database: the binaries are
// run from a copy postgres can reach, and DATA_DIR's private parents let postgres enter.

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { postgresBinaries } from '../../src/db/embedded/binaries.ts';
import { letOwnerEnter, reachableBinaries } from '../../src/db/embedded/reachable.ts';
import { startEmbeddedPostgres } from '../../src/db/embedded/server.ts';

const isRoot = process.getuid?.() === 0;
const id = (flag: string) =>
  Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
const asPostgres = () => ({ uid: id('-u'), gid: id('-g') });

describe.skipIf(!isRoot)(
  'the embedded database when jobdesk runs as root from a private folder',
  () => {
    const made: string[] = [];
    const privateDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'jobdesk-private-'));
      chmodSync(dir, 0o700);
      made.push(dir);
      return dir;
    };
    afterAll(() => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });

    /** The installed binaries, moved into a private folder as a clone in `mktemp -d` has them. */
    const hiddenBinaries = async () => {
      const installed = await postgresBinaries();
      const native = dirname(dirname(installed.postgres));
      const hidden = join(privateDir(), 'native');
      // Links as npm's install leaves them (relative), not rewritten to point at `native`.
      cpSync(native, hidden, { recursive: true, verbatimSymlinks: true });
      return {
        initdb: join(hidden, installed.initdb.slice(native.length)),
        postgres: join(hidden, installed.postgres.slice(native.length)),
      };
    };
    const run = (bin: string) => {
      const owner = asPostgres();
      return spawnSync(bin, ['--version'], { uid: owner.uid, gid: owner.gid, encoding: 'utf8' });
    };
    /** A temporary directory of this test's own, so no copy an earlier run made is reused. */
    const ownTmpdir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'jobdesk-tmp-'));
      chmodSync(dir, 0o755);
      made.push(dir);
      process.env.TMPDIR = dir;
      return dir;
    };
    const tmpdirBefore = process.env.TMPDIR;
    afterEach(() => {
      if (tmpdirBefore === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdirBefore;
    });

    it('runs the binaries from a copy postgres can reach when the installed ones are out of its reach', async () => {
      const moved = await hiddenBinaries();
      expect(run(moved.postgres).error?.message).toMatch(/EACCES/);
      const tmp = ownTmpdir();

      const reachable = reachableBinaries(moved, asPostgres(), () => {});
      expect(reachable.postgres.startsWith(tmp)).toBe(true);
      // Both run as postgres, their shared libraries (reached through links) loaded from the copy.
      expect(run(reachable.postgres).stdout).toMatch(/PostgreSQL\) 18/);
      expect(run(reachable.initdb).stdout).toMatch(/PostgreSQL\) 18/);
      // The copy is root's and nobody else may write to it.
      const copy = statSync(dirname(dirname(reachable.postgres)));
      expect(copy.uid).toBe(0);
      expect(copy.mode & 0o022).toBe(0);
    });

    it('makes the copy again when an earlier one has links leading back out of it', async () => {
      const moved = await hiddenBinaries();
      ownTmpdir();
      const first = reachableBinaries(moved, asPostgres(), () => {});
      // What copies made before links were kept inside look like: a library's link names the
      // original by its absolute path, out of postgres's reach.
      const lib = join(dirname(dirname(first.postgres)), 'lib');
      const link = join(lib, readdirSync(lib).find((f) => /^libicuuc\.so\.\d+$/.test(f)) ?? '');
      const target = readlinkSync(link);
      rmSync(link);
      symlinkSync(join(dirname(dirname(moved.postgres)), 'lib', target), link);
      expect(run(first.postgres).status).not.toBe(0);

      const logged: string[] = [];
      const again = reachableBinaries(moved, asPostgres(), (_level, message) =>
        logged.push(message),
      );
      expect(logged.join('\n')).toMatch(/copying them/);
      expect(run(again.postgres).stdout).toMatch(/PostgreSQL\) 18/);
    });

    it('lets postgres enter a DATA_DIR below a private folder, with search permission only', () => {
      const parent = privateDir();
      const dataDir = join(parent, 'data');
      mkdirSync(dataDir);
      const owner = asPostgres();
      const enters = () =>
        spawnSync('test', ['-x', dataDir], { uid: owner.uid, gid: owner.gid }).status === 0;
      expect(enters()).toBe(false);
      const warnings: unknown[] = [];
      letOwnerEnter(dataDir, owner, (level, message, fields) => {
        if (level === 'warn') warnings.push({ message, fields });
      });
      expect(enters()).toBe(true);
      // Search only: others still cannot list or read the private folder.
      expect(statSync(parent).mode & 0o777).toBe(0o701);
      expect(warnings).toHaveLength(1);
      expect(JSON.stringify(warnings)).toContain(parent);
    });

    it('starts, stores and stops with DATA_DIR inside a private folder', async () => {
      const dataDir = join(privateDir(), 'data');
      const server = await startEmbeddedPostgres({ dataDir });
      try {
        const sql = postgres(server.url, { max: 1 });
        const [row] = await sql`select 41 + 1 as answer`;
        expect(row?.answer).toBe(42);
        await sql.end();
      } finally {
        await server.stop();
      }
    }, 60_000);
  },
);
