import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Issue 12, item 2: `npm start` with DATABASE_URL and no Slack credentials refuses to start
// (before it touches the database) instead of serving the open sandbox on it.

/** What jobdesk printed: JSON lines (pino), stdout and stderr together. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        stderr += String(chunk);
      });
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`jobdesk did not refuse within 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('npm start on a shared database without Slack', () => {
  it('exits with one line saying what to set', async () => {
    const { code, stderr } = await start({
      // Nothing listens here: had jobdesk gone on, it would fail differently (or hang).
      DATABASE_URL: 'postgres://jobdesk@127.0.0.1:1/jobdesk',
      INTAKE_SIGNING_SECRET: 'a-long-intake-secret',
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    // One line: the refusal, naming what to set.
    expect(lines).toHaveLength(1);
    const refusal = JSON.parse(lines[0] ?? '{}') as { level: number; problems: string[] };
    expect(refusal.level).toBe(60); // fatal
    expect(refusal.problems).toHaveLength(1);
    expect(refusal.problems[0]).toMatch(
      /^SLACK_BOT_TOKEN must be set, with SLACK_SIGNING_SECRET, when DATABASE_URL is set/,
    );
  });

  it('names a blank Slack secret instead of starting the sandbox', async () => {
    const { code, stderr } = await start({
      DATABASE_URL: 'postgres://jobdesk@127.0.0.1:1/jobdesk',
      INTAKE_SIGNING_SECRET: 'a-long-intake-secret',
      SLACK_BOT_TOKEN: ' ',
      SLACK_SIGNING_SECRET: 'signing-secret',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN is set but blank');
  });
});
