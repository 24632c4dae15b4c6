import type { Config } from '../config.ts';
import type { SlackIdentity } from '../slack/identity.ts';
import type { IntakeSecret } from './intake-secret.ts';
import type { SlackEnvironment } from './slack-environment.ts';

const ROLE_LINES = {
  web: 'Role: web (JOBDESK_ROLE) — answers Slack and the intake API; deliveries and the deadline clock are left to JOBDESK_ROLE=worker processes',
  worker:
    'Role: worker (JOBDESK_ROLE) — delivers the outbox and runs the deadline clock; serves only /healthz and /metrics',
} as const;

/** The lines a person starting jobdesk should read: where it listens and how to reach it. */
export function bannerLines(facts: {
  config: Config;
  url: string;
  embedded: boolean;
  environment: SlackEnvironment;
  identity: SlackIdentity;
  intakePath: string;
  intake: IntakeSecret;
  smtpPort: number | undefined;
}): string[] {
  const { config, url, environment } = facts;
  const database = facts.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'Postgres';
  const listening = `jobdesk is listening on ${url} (database: ${database})`;
  // A worker process answers no Slack request and takes no intake: only where it listens.
  if (config.role === 'worker') return [listening, ROLE_LINES.worker];
  const inbound = environment.email?.inboundAddress;
  const mailbox =
    environment.email === config.email
      ? ''
      : " — the sandbox's mailbox sends to it, and its local relay takes jobdesk's replies (the Mailbox tab)";
  return [
    listening,
    environment.bannerLine(url, facts.identity),
    `Intake API: POST ${url}${facts.intakePath}, signed with ${facts.intake.from}`,
    ...(facts.smtpPort !== undefined && inbound
      ? [
          `Email: SMTP receiver on port ${facts.smtpPort} for ${inbound} (and its +token forms)${mailbox}`,
        ]
      : []),
    ...(config.role === 'web' ? [ROLE_LINES.web] : []),
  ];
}
