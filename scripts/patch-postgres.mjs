// Runs after `npm install` / `npm ci` (postinstall). postgres.js 3.4.9 crashes the process when
// Postgres restarts: a small write deferred with setImmediate runs after the connection closed
// and calls write on a null socket, an uncaught TypeError thrown from a timer; and a closed
// connection keeps a stale write timer, so its later small writes are never flushed (queries
// hang). Upstream: porsager/postgres issues #1066, #1154, #1208; fixes proposed in PRs #1168,
// #1176, #1209, not released yet. This applies the same two-line guard to each build of the
// driver, idempotently.
//
// It knows exactly one driver version (package.json pins it). Any other version must bring its
// own guard against a closed socket in nextWrite; if it does not, the install fails here, loudly,
// rather than ship a driver that takes the process down at the next database restart.
// test/db/postgres-patch.test.ts checks the installed driver.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const KNOWN_VERSION = '3.4.9';
export const MARK = '/* jobdesk: closed-socket guard */';
export const BUILDS = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'];
const GUARD = `function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;
const WRITE = 'function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
const CLEAR = '    clearImmediate(nextWriteTimer)\n';

/** Whether a build of the driver is safe: patched by us, or guarded by its own code. */
export function guardOf(source) {
  if (source.includes(MARK)) return 'patched';
  const start = source.indexOf('function nextWrite(');
  const body = start < 0 ? '' : source.slice(start, source.indexOf('\n  }\n', start));
  return /!socket\b|socket\s*&&|socket\?\./.test(body) ? 'upstream' : 'none';
}

export function patch(root) {
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const problems = [];
  let patched = 0;
  for (const file of BUILDS) {
    const path = root + file;
    if (!existsSync(path)) continue;
    const source = readFileSync(path, 'utf8');
    if (guardOf(source) !== 'none') continue;
    if (version !== KNOWN_VERSION || !source.includes(WRITE) || source.split(CLEAR).length !== 3) {
      problems.push(file);
      continue;
    }
    writeFileSync(
      path,
      source.replace(WRITE, GUARD).replaceAll(CLEAR, `${CLEAR}    chunk = nextWriteTimer = null\n`),
    );
    patched += 1;
  }
  return { version, patched, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = fileURLToPath(new URL('../node_modules/postgres/', import.meta.url));
  const { version, patched, problems } = patch(root);
  if (problems.length) {
    console.error(
      `patch-postgres: postgres.js ${version} has no guard against writing to a closed socket, and ` +
        `this patch knows only ${KNOWN_VERSION} (${problems.join(', ')}). A Postgres restart would ` +
        'crash jobdesk with this driver: install the pinned version, or bring the patch up to date.',
    );
    process.exit(1);
  }
  if (patched) {
    console.log(
      `patch-postgres: guarded ${patched} build(s) of postgres.js against closed sockets`,
    );
  }
}
