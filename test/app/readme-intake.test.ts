// The README's intake example, run as written (bash, openssl, curl) against the real app: a
// newcomer who pastes it gets a job that is new, with its 72 hours ahead, not one born expired.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_SECRET, startTestApp, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);
const HOUR = 3_600_000;

/** The shell block of the README's "The intake API" section, exactly as a reader copies it. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## The intake API'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('no sh block in the README section "The intake API"');
  return block;
}

let app: TestApp;
let dir: string;

beforeAll(async () => {
  app = await startTestApp();
  // Where a local run keeps its generated secret: the example reads data/intake-secret.
  dir = mkdtempSync(join(tmpdir(), 'jobdesk-readme-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'intake-secret'), INTAKE_SECRET);
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the README's intake example", () => {
  it('creates a new job with its 72 hours ahead, and a repeat is a duplicate', async () => {
    const script = readmeExample();
    const env = { ...process.env, PORT: String(app.port) };
    const first = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env });
    expect(first.stdout).toMatch(/^HTTP\/1\.1 202/);
    expect(first.stdout).toContain('"outcome":"accepted"');
    const number = Number(/"job":"J-(\d+)"/.exec(first.stdout)?.[1]);
    const job = await app.services.getJob(app.workspaceId, number);
    expect(job.status).toBe('new');
    const left = job.expiresAt.getTime() - Date.now();
    expect(left).toBeGreaterThan(71 * HOUR);
    expect(left).toBeLessThanOrEqual(72 * HOUR);

    const again = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env });
    expect(again.stdout).toMatch(/^HTTP\/1\.1 200/);
  });
});
