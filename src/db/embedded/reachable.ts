import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import type { PostgresBinaries } from './binaries.ts';
import type { EmbeddedLog } from './server.ts';

export interface Owner {
  uid: number;
  gid: number;
}

/** Whether `owner` may search (enter) `dir`, asked of the system itself (groups, ACLs and all). */
function canEnter(dir: string, owner: Owner): boolean {
  return spawnSync('test', ['-x', dir], { uid: owner.uid, gid: owner.gid }).status === 0;
}

/**
 * As root the server runs as `postgres`, which must be able to reach the binaries. npm installs
 * them inside the project, and a project in a private folder (a root's home, `mktemp -d`) is out
 * of its reach: the server then runs from a copy in a root-owned folder of the temporary
 * directory that everyone may read, made once per PostgreSQL version and reused.
 */
export function reachableBinaries(
  bin: PostgresBinaries,
  owner: Owner,
  log: EmbeddedLog,
): PostgresBinaries {
  if (canEnter(dirname(bin.postgres), owner)) return bin;
  // native/bin/postgres: the whole native/ folder goes, since the binaries find share/ and lib/
  // beside themselves.
  const native = dirname(dirname(bin.postgres));
  const version = spawnSync(bin.postgres, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const tag = version.replace(/[^0-9.]/g, '') || 'unknown';
  const copy = join(tmpdir(), `jobdesk-postgres-${tag}`);
  const at = (dir: string): PostgresBinaries => ({
    initdb: join(dir, bin.initdb.slice(native.length)),
    postgres: join(dir, bin.postgres.slice(native.length)),
  });
  if (trustedCopy(copy)) return at(copy);
  log('info', 'the user postgres cannot reach the binaries here: copying them', { to: copy });
  const building = mkdtempSync(`${copy}.`);
  chmodSync(building, 0o755);
  // The libraries' links (libicuuc.so.60 -> libicuuc.so.60.2) must stay links within the copy:
  // by default cpSync rewrites each to an absolute path into the original, which postgres cannot
  // follow any more than it could reach the original.
  cpSync(native, building, { recursive: true, verbatimSymlinks: true });
  pullLinksInside(building, native);
  writeFileSync(join(building, '.complete'), `${version}\n`);
  try {
    rmSync(copy, { recursive: true, force: true });
    renameSync(building, copy);
  } catch {
    return at(building); // another start got there first: this copy serves this start
  }
  return trustedCopy(copy) ? at(copy) : at(building);
}

/**
 * A copy made by an earlier start: complete, root's, writable by nobody else, and with no link
 * leading out of it (copies made before links were kept inside point back into the project).
 */
function trustedCopy(dir: string): boolean {
  if (!existsSync(join(dir, '.complete'))) return false;
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) return false;
  return links(dir).every((link) => inside(dir, resolve(dirname(link), readlinkSync(link))));
}

function links(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => join(entry.parentPath, entry.name));
}

function inside(dir: string, path: string): boolean {
  return path === dir || path.startsWith(`${dir}${sep}`);
}

/** A link of the copy that names a file of the original by its absolute path names the copy's. */
function pullLinksInside(copy: string, original: string): void {
  for (const link of links(copy)) {
    const target = readlinkSync(link);
    if (!isAbsolute(target) || !inside(original, target)) continue;
    rmSync(link);
    symlinkSync(relative(dirname(link), join(copy, relative(original, target))), link);
  }
}

/**
 * The server's user must be able to enter DATA_DIR and every folder above it. As root, a folder
 * above that it cannot enter (a root's home, a `mktemp -d`) gets search permission for others —
 * enter only, not list or read — and the log says which, once.
 */
export function letOwnerEnter(dataDir: string, owner: Owner, log: EmbeddedLog): void {
  const { root } = parse(dataDir);
  const chain: string[] = [];
  for (let dir = dataDir; dir !== root; dir = dirname(dir)) chain.unshift(dir);
  for (const dir of [root, ...chain]) {
    if (canEnter(dir, owner)) continue;
    const mode = statSync(dir).mode & 0o7777;
    chmodSync(dir, mode | 0o001);
    log(
      'warn',
      'gave others search permission on a folder above DATA_DIR, so the embedded database (user postgres) can reach it',
      {
        folder: dir,
        hint: 'run jobdesk as a user other than root, or set DATA_DIR to a folder others may enter, to avoid this',
      },
    );
  }
}
