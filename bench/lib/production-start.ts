import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The Node flags production starts jobdesk with, read from where the start is written down:
 * package.json's `start` (`… && exec node <flags> dist/main.js`). The Dockerfile's CMD, the
 * container recipe check and the README say the same (test/runtime/production-flags.test.ts), and
 * the benchmarks start every jobdesk process with them, so they measure what production runs.
 */
export function productionNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = /\bexec node((?: --[\w-]+(?:=\S+)?)*) dist\/main\.js$/.exec(scripts.start ?? '');
  if (!start) throw new Error(`package.json's start does not end in "exec node … dist/main.js"`);
  return (start[1] ?? '').split(' ').filter(Boolean);
}
