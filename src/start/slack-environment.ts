import type { CustomRoute } from '@slack/bolt';
import type { Config, EmailConfig, SlackConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { TickResult } from '../scheduler/deadline-clock.ts';
import type { SlackIdentity } from '../slack/identity.ts';
import { realSlack } from './real-slack.ts';

/** Which Slack jobdesk talks to, and who it is there. */
export interface SlackConnection {
  slack: SlackConfig;
  identity: SlackIdentity;
  /** The port jobdesk's server listens on (the sandbox may have taken a free one). */
  port: number;
}

/** What the environment hears once jobdesk serves requests. */
export interface Started {
  intakePath: string;
  intakeSecret: string;
  /** jobdesk's SMTP receiver, when it runs one. */
  smtpPort: number | undefined;
  /** One tick of the deadline clock, now (expiry, reminders, the digest). */
  tickDeadlineClock(): Promise<TickResult>;
}

/**
 * The one seam for "which Slack": the real Slack of the credentials, or the local sandbox that
 * `npm start` runs without them. Both have this shape, so startJobdesk does not know which.
 */
export interface SlackEnvironment {
  /** The business clock: the sandbox's jumps move it. */
  readonly now: () => Date;
  /** Admins besides JOBDESK_ADMINS (the sandbox's Maya). */
  readonly admins: readonly string[];
  /** The jobs channel when SLACK_JOBS_CHANNEL does not name one. */
  readonly jobsChannel: string | undefined;
  /** Email as configured, or the sandbox's own mailbox when none is. */
  readonly email: EmailConfig | undefined;
  /** Routes served beside Slack's, on the same server. */
  readonly routes: CustomRoute[];
  /** Which Slack to call and who jobdesk is there (one auth.test). */
  connect(port: number): Promise<SlackConnection>;
  /** The workspace's fingerprint once it is set up: the sandbox forgets state of another one. */
  settle(fingerprint: string): void;
  started(links: Started): void;
  stop(): Promise<void>;
  bannerLine(url: string, identity: SlackIdentity): string;
}

export interface EnvironmentOptions {
  logger: Logger;
  /** The clock of tests; the sandbox adds its jumps to it. */
  now: (() => Date) | undefined;
  /** A test brought its own database: the sandbox keeps no state between runs. */
  testDatabase: boolean;
  /** The sandbox's mailbox when no email is configured (default: not with a test database). */
  sandboxMail: boolean | undefined;
}

export async function slackEnvironment(
  config: Config,
  options: EnvironmentOptions,
): Promise<SlackEnvironment> {
  if (config.slack) return realSlack(config, config.slack, options.now);
  if (config.databaseUrl) {
    // loadConfig refuses this already; a caller building its own Config must not slip past.
    throw new Error(
      'the Slack sandbox runs only on its own embedded database: set Slack credentials',
    );
  }
  // Loaded only when used: a jobdesk on real Slack does not carry the sandbox in memory.
  const { sandboxSlack } = await import('./sandbox-slack.ts');
  return sandboxSlack(config, options);
}
