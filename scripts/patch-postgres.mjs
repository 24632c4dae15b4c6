// Runs after `npm install` / `npm ci` (postinstall). postgres.js 3.4.9 crashes the process when
// Postgres restarts: a small write deferred with setImmediate runs after the connection closed
// and calls write on a null socket, an uncaught TypeError thrown from a timer; and a closed
// connection keeps a stale write timer, so its later small writes are never flushed (queries
// hang). Upstream: porsager/postgres issues #1066, #1154, #1208; fixes proposed in PRs #1168,
// #1176, #1209, not released yet. This applies the same two-line guard to each build of the
// driver, idempotently, and leaves a version it does not recognise alone.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../node_modules/postgres/', import.meta.url));
const MARK = '/* jobdesk: closed-socket guard */';
const GUARD = `function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;

let patched = 0;
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const path = root + file;
  if (!existsSync(path)) continue;
  const source = readFileSync(path, 'utf8');
  if (source.includes(MARK)) continue;
  const write = 'function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
  const clear = '    clearImmediate(nextWriteTimer)\n';
  if (!source.includes(write) || source.split(clear).length !== 3) {
    console.warn(`patch-postgres: ${file} is not the version this patch knows; left as it is`);
    continue;
  }
  const fixed = source
    .replace(write, GUARD)
    .replaceAll(clear, `${clear}    chunk = nextWriteTimer = null\n`);
  writeFileSync(path, fixed);
  patched += 1;
}
if (patched)
  console.log(`patch-postgres: guarded ${patched} build(s) of postgres.js against closed sockets`);
