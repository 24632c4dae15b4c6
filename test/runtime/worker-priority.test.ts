// A JOBDESK_ROLE=worker process runs at a lower CPU priority (nice 10, or lower if started lower), so on shared cores the
// processes answering Slack get the CPU first; a web process keeps the normal priority.

import { readFileSync } from 'node:fs';
import { FakeSlack } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobdeskProcess, spawnJobdesk } from '../support/jobdesk-process.ts';
import { JOBS_CHANNEL } from '../support/slack-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const BOT_TOKEN = 'xoxb-priority-token';

/** The nice value of a process: field 19 of /proc/<pid>/stat (after the command in parentheses). */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

describe('process priority by role', () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  const running: JobdeskProcess[] = [];

  beforeAll(async () => {
    slack = await FakeSlack.start({
      channels: [{ id: JOBS_CHANNEL, name: 'jobs' }],
      botToken: BOT_TOKEN,
    });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const { child } of running) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
    await slack?.stop();
  });

  const start = async (role: 'web' | 'worker') => {
    const process = await spawnJobdesk({
      env: {
        JOBDESK_ROLE: role,
        DATABASE_URL: database.url,
        INTAKE_SIGNING_SECRET: 'priority-intake-secret',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'priority-signing-secret',
        SLACK_API_URL: slack.apiUrl,
        SLACK_JOBS_CHANNEL: JOBS_CHANNEL,
        LOG_LEVEL: 'warn',
      },
      timeoutMs: 30_000,
    });
    running.push(process);
    return process;
  };

  it('a worker yields the CPU to the processes answering Slack; a web process does not', async () => {
    const [web, worker] = [await start('web'), await start('worker')];
    // Children start at this process's nice value (0 on a normal run).
    const started = niceOf(process.pid);
    expect(niceOf(web.child.pid as number)).toBe(started);
    expect(niceOf(worker.child.pid as number)).toBe(Math.max(started, 10));
  }, 60_000);
});
