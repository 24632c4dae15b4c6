import { join } from 'node:path';
import type { Config } from '../config.ts';
import { Sandbox, sandboxRoutes } from '../sandbox/index.ts';
import { fetchIdentity } from '../slack/identity.ts';
import { JOBS_COMMAND, MESSAGES_TAB_READ_ONLY } from '../slack/ids.ts';
import type { EnvironmentOptions, SlackEnvironment } from './slack-environment.ts';

/**
 * The local Slack sandbox (src/sandbox), run without Slack credentials: a Slack workspace served
 * on jobdesk's own port, keeping the business clock so a person can jump ahead to see reminders
 * and expiry, and bringing a mailbox when no email is configured.
 */
export async function sandboxSlack(
  config: Config,
  options: EnvironmentOptions,
): Promise<SlackEnvironment> {
  const sandbox = new Sandbox({
    logger: options.logger,
    now: options.now,
    jobsChannel: config.jobsChannel,
    stateFile: options.testDatabase ? undefined : join(config.dataDir, 'sandbox.json'),
    commands: [JOBS_COMMAND],
    messagesTabReadOnly: MESSAGES_TAB_READ_ONLY,
  });
  const bringsMail =
    !config.email?.inboundAddress &&
    !config.email?.outbound &&
    (options.sandboxMail ?? !options.testDatabase);
  const email = bringsMail ? await sandbox.mailbox.start() : config.email;

  return {
    now: sandbox.now,
    admins: sandbox.admins,
    jobsChannel: sandbox.jobsChannel,
    email,
    routes: sandboxRoutes(sandbox),
    async connect(port) {
      // The sandbox's Web API holds the port alone until jobdesk's server takes it over, so
      // auth.test reaches it exactly as it would reach Slack.
      const reserved = await sandbox.reservePort(port);
      const identity = await fetchIdentity(reserved.slack).finally(() => reserved.release());
      return { slack: reserved.slack, identity, port: reserved.port };
    },
    settle(fingerprint) {
      sandbox.belongsTo(fingerprint);
    },
    started({ intakePath, intakeSecret, smtpPort, tickDeadlineClock }) {
      sandbox.connect({
        intakePath,
        intakeSecret,
        // A jump runs one tick of the deadline clock on the moved clock.
        onClockJump: async () => {
          const { expired, reminded } = await tickDeadlineClock();
          return clockJumpNote(expired, reminded['24h'] + reminded['4h']);
        },
      });
      if (smtpPort !== undefined) sandbox.mailbox.connect(smtpPort);
    },
    stop: () => sandbox.stop(),
    bannerLine: (url) =>
      `Slack sandbox: open ${url}/ — no Slack credentials are set, so jobdesk runs against a local Slack workspace (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to use Slack; anyone who can reach this port can act in the sandbox)`,
  };
}

/** What the page says after a jump: "2 jobs expired, 1 reminder sent", or nothing. */
function clockJumpNote(expired: number, reminders: number): string | undefined {
  const parts = [
    expired ? `${expired} job${expired === 1 ? '' : 's'} expired` : '',
    reminders ? `${reminders} reminder${reminders === 1 ? '' : 's'} sent` : '',
  ].filter(Boolean);
  return parts.join(', ') || undefined;
}
