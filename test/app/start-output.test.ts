// What `npm start` prints is JSON lines throughout, as the README says: a refused start too.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

describe('the start output', () => {
  it('refuses a bad environment in JSON lines that name the variable', async () => {
    const failed = await run('node', ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'eighty', LOG_LEVEL: 'loud' },
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const lines = `${failed?.stdout ?? ''}${failed?.stderr ?? ''}`.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    const parsed = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(parsed[0]?.level).toBe(60);
    expect(parsed[0]?.msg).toMatch(/^jobdesk cannot start — fix the environment: PORT must be/);
    expect(parsed[0]?.msg).toContain('LOG_LEVEL must be');
  });
});
