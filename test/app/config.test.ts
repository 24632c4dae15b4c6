import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration', () => {
  it('runs with nothing set: embedded database, no Slack, port 3000', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      slack: undefined,
      admins: [],
      schedulerTick: '* * * * *',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db/jobdesk',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9000/api/',
      SLACK_JOBS_CHANNEL: 'C0JOBS',
      JOBDESK_ADMINS: 'U0A, U0B',
      INTAKE_SIGNING_SECRET: 'a-long-intake-secret',
      OUTBOUND_WEBHOOK_URL: 'https://hooks.example.com/jobdesk',
      OUTBOUND_SIGNING_SECRET: 'a-long-outbound-secret',
      SCHEDULER_TICK: '*/5 * * * *',
    });
    expect(config).toMatchObject({
      port: 8080,
      slack: { botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9000/api/' },
      jobsChannel: 'C0JOBS',
      admins: ['U0A', 'U0B'],
      outboundWebhook: { url: 'https://hooks.example.com/jobdesk' },
      schedulerTick: '*/5 * * * *',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a port number.*\(got "eighty"\)$/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ SLACK_JOBS_CHANNEL: '#jobs' }, /^SLACK_JOBS_CHANNEL must be a channel id like C0123ABCD/],
    [{ JOBDESK_ADMINS: 'alice' }, /^JOBDESK_ADMINS must be Slack user ids/],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      /^SLACK_SIGNING_SECRET must be set too: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET connect Slack together/,
    ],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      /^SLACK_BOT_TOKEN must be set, with SLACK_SIGNING_SECRET, for Socket Mode/,
    ],
    [{ SCHEDULER_TICK: 'every minute' }, /^SCHEDULER_TICK must be a cron expression/],
    [
      { DATABASE_URL: 'postgres://db/x' },
      /^INTAKE_SIGNING_SECRET must be set when DATABASE_URL is set: only the embedded database/,
    ],
  ])('names the bad variable on a line of its own: %o', (env, message) => {
    const lines = refusal(env as Record<string, string>).split('\n');
    expect(lines.some((line) => message.test(line))).toBe(true);
  });

  it('gives one line per bad variable', () => {
    expect(refusal({ PORT: '-1', SLACK_JOBS_CHANNEL: 'jobs' }).split('\n')).toEqual([
      expect.stringMatching(/^PORT /),
      expect.stringMatching(/^SLACK_JOBS_CHANNEL /),
    ]);
  });

  it('never echoes a secret back', () => {
    expect(
      refusal({ SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: 'sssssssss' }),
    ).not.toContain('not-a-token');
  });
});
