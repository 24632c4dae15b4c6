import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { refusal } from '../support/config-refusal.ts';

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
      SLACK_CHANNEL_POSTS_PER_SECOND: '1',
      SLACK_CHANNEL_POSTS_BURST: '1',
    });
    expect(config).toMatchObject({
      channelPostsPerSecond: 1,
      channelPostsBurst: 1,
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
    [{ SLACK_CHANNEL_POSTS_BURST: '0' }, /^SLACK_CHANNEL_POSTS_BURST must be .*1 or more/],
    [{ SLACK_CHANNEL_POSTS_BURST: '2.5' }, /^SLACK_CHANNEL_POSTS_BURST must be a whole number/],
    [
      { DATABASE_URL: 'postgres://db/x' },
      /^INTAKE_SIGNING_SECRET must be set when DATABASE_URL is set: only the embedded database/,
    ],
  ])('names the bad variable on a line of its own: %o', (env, message) => {
    const lines = refusal(env as Record<string, string>).split('\n');
    expect(lines.some((line) => message.test(line))).toBe(true);
  });

  // Issue 12, item 2: a deployment that lost its Slack secrets must not serve the open sandbox
  // on its production database.
  it('refuses a database URL without Slack credentials, in one line saying what to set', () => {
    expect(
      refusal({ DATABASE_URL: 'postgres://db/x', INTAKE_SIGNING_SECRET: 'a-long-intake-secret' }),
    ).toBe(
      'SLACK_BOT_TOKEN must be set, with SLACK_SIGNING_SECRET, when DATABASE_URL is set: the Slack sandbox runs only on its own embedded database (unset DATABASE_URL to try it)',
    );
  });

  it.each([
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'SLACK_API_URL',
    'SLACK_JOBS_CHANNEL',
  ])('a blank %s is an error naming it, not "unset"', (name) => {
    for (const blank of ['', '   ']) {
      expect(refusal({ [name]: blank }).split('\n')).toContain(
        `${name} is set but blank: give it its value, or remove it from the environment`,
      );
    }
  });

  it('blank Slack secrets beside a database URL say they are blank', () => {
    expect(
      refusal({
        DATABASE_URL: 'postgres://db/x',
        INTAKE_SIGNING_SECRET: 'a-long-intake-secret',
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
      }).split('\n'),
    ).toEqual([
      'SLACK_BOT_TOKEN is set but blank: give it its value, or remove it from the environment',
      'SLACK_SIGNING_SECRET is set but blank: give it its value, or remove it from the environment',
    ]);
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
  it('reads JOBDESK_ROLE (default all), and refuses a role without Slack or one it does not know', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret' };
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ ...slack, JOBDESK_ROLE: 'web' }).role).toBe('web');
    expect(loadConfig({ ...slack, JOBDESK_ROLE: 'worker' }).role).toBe('worker');
    expect(refusal({ ...slack, JOBDESK_ROLE: 'api' })).toBe(
      'JOBDESK_ROLE must be one of all, web, worker (got "api")',
    );
    expect(refusal({ JOBDESK_ROLE: 'worker' })).toBe(
      'JOBDESK_ROLE must be "all" without Slack credentials: the sandbox runs in one process (got "worker")',
    );
  });
});
