import type { FakeSlack } from '@jobdesk/fake-slack';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const INTAKE_SECRET = 'bench-intake-secret-0123456789';

/**
 * What every benchmark gives a jobdesk process: the fake Slack and its channel, the benchmark's
 * secrets, any free port, and no deadline clock or digest (measured elsewhere; here they would
 * only add noise), logging errors only. Each measurement adds its database and its own settings.
 */
export function jobdeskEnv(slack: FakeSlack, jobsChannel: string): Record<string, string> {
  return {
    PORT: '0',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_JOBS_CHANNEL: jobsChannel,
    INTAKE_SIGNING_SECRET: INTAKE_SECRET,
    SCHEDULER_TICK: '0 0 1 1 *',
    DIGEST_HOUR: 'off',
    LOG_LEVEL: 'error',
  };
}
