// The production start's Node flags are written in package.json's `start`; the Dockerfile's CMD
// (which the container recipe check runs), the README's Deploy section and the benchmarks use the
// same, so what is measured and documented is what production runs.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productionNodeFlags } from '../../bench/lib/production-start.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe("the production start's Node flags", () => {
  const flags = productionNodeFlags();

  it("run V8's low-memory mode", () => {
    expect(flags).toContain('--optimize-for-size');
  });

  it('are the Dockerfile CMD', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...flags, 'dist/main.js']);
  });

  it("are the README's production start", () => {
    expect(read('README.md')).toContain(`node ${flags.join(' ')} dist/main.js`);
  });

  it('are flags this Node accepts (a misspelt one stops node before jobdesk starts)', () => {
    const script = `console.log(JSON.stringify(process.execArgv.slice(0, ${flags.length})))`;
    const run = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(flags);
  });
});
