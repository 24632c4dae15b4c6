// `npm run build`: compiles the workspace package packages/fake-slack (the sandbox imports it; plain
// Node loads its dist/) and then src/ to dist/ with tsc (imports of .ts files rewritten to .js),
// and copies what the compiled code reads at run time besides itself: the sandbox page's files.
// drizzle/ (the migrations) stays where it is: dist/db/migrate.js finds it at ../../drizzle.
// tsc is incremental (dist/.tsbuildinfo), so a build with nothing changed takes a second or two.

import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compile = (project) =>
  execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
compile('packages/fake-slack/tsconfig.build.json');
compile('tsconfig.build.json');
rmSync(`${root}dist/sandbox/page`, { recursive: true, force: true });
cpSync(`${root}src/sandbox/page`, `${root}dist/sandbox/page`, { recursive: true });
