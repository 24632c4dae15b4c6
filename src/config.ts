import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from './domain/calendar.ts';

/** The only reader of process.env: everything else receives a parsed, checked Config. */

const blankIsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

const slackUserIds = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user ids like U0123ABCD, comma-separated')),
);

const envSchema = z
  .object({
    PORT: z.preprocess(
      blankIsUnset,
      z.coerce
        .number({ error: 'a port number between 0 and 65535' })
        .int('a whole port number')
        .min(0, 'a port number between 0 and 65535')
        .max(65535, 'a port number between 0 and 65535')
        .default(3000),
    ),
    DATABASE_URL: optional(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL (leave unset for the embedded database)'),
    ),
    DATA_DIR: z.preprocess(blankIsUnset, z.string().default('./data')),
    SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'a bot token starting with xoxb-')),
    SLACK_SIGNING_SECRET: optional(z.string().min(8, "the app's signing secret")),
    SLACK_APP_TOKEN: optional(
      z.string().startsWith('xapp-', 'an app-level token starting with xapp-'),
    ),
    SLACK_API_URL: optional(z.url('a URL such as https://slack.com/api/')),
    SLACK_JOBS_CHANNEL: optional(
      z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a channel id like C0123ABCD (not a #name)'),
    ),
    JOBDESK_ADMINS: z.preprocess(blankIsUnset, slackUserIds.default([])),
    INTAKE_SIGNING_SECRET: optional(z.string().min(16, 'a secret of at least 16 characters')),
    OUTBOUND_WEBHOOK_URL: optional(z.url('an http(s) URL')),
    OUTBOUND_SIGNING_SECRET: optional(z.string().min(16, 'a secret of at least 16 characters')),
    SCHEDULER_TICK: z.preprocess(
      blankIsUnset,
      z
        .string()
        .refine(isCronExpression, 'a cron expression such as "* * * * *"')
        .default('* * * * *'),
    ),
    DIGEST_HOUR: z.preprocess(
      blankIsUnset,
      z
        .union(
          [
            z.literal('off'),
            z.coerce
              .number({ error: 'an hour from 0 to 23, or off' })
              .int('an hour from 0 to 23, or off')
              .min(0, 'an hour from 0 to 23, or off')
              .max(23, 'an hour from 0 to 23, or off'),
          ],
          { error: 'an hour from 0 to 23, or off' },
        )
        .default(9),
    ),
    DIGEST_TIMEZONE: z.preprocess(
      blankIsUnset,
      z
        .string()
        .refine(isTimeZone, 'an IANA time zone such as Europe/Stockholm or UTC')
        .default('UTC'),
    ),
    OUTBOX_LEASE_SECONDS: z.preprocess(
      blankIsUnset,
      z.coerce
        .number({ error: 'a number of seconds from 2 to 600' })
        .int('a whole number of seconds')
        .min(2, 'a number of seconds from 2 to 600')
        .max(600, 'a number of seconds from 2 to 600')
        .default(30),
    ),
    // Posts per second per channel, across every replica (default 0.95: 5% under Slack's limit).
    // Raise it only against a fake Slack (tests, benchmarks): Slack answers faster posts with 429.
    SLACK_CHANNEL_POSTS_PER_SECOND: z.preprocess(
      blankIsUnset,
      z.coerce.number({ error: 'a number of posts per second above 0' }).positive().optional(),
    ),
    LOG_LEVEL: z.preprocess(
      blankIsUnset,
      z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    ),
  })
  .superRefine((env, ctx) => {
    const pairs: [keyof typeof env, keyof typeof env, string][] = [
      ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'set both to connect Slack, or neither'],
      ['OUTBOUND_WEBHOOK_URL', 'OUTBOUND_SIGNING_SECRET', 'set both to send the outbound webhook'],
    ];
    for (const [a, b, why] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        ctx.addIssue({ code: 'custom', path: [env[a] ? b : a], message: why });
      }
    }
    if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'Socket Mode (SLACK_APP_TOKEN) also needs the bot token and signing secret',
      });
    }
    if (env.DATABASE_URL && !env.INTAKE_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['INTAKE_SIGNING_SECRET'],
        message: 'required with DATABASE_URL (only the embedded database may generate one)',
      });
    }
  });

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  slack: SlackConfig | undefined;
  jobsChannel: string | undefined;
  admins: string[];
  /** Unset only with the embedded database, where one is generated and kept in DATA_DIR. */
  intakeSecret: string | undefined;
  outboundWebhook: { url: string; secret: string } | undefined;
  schedulerTick: string;
  /** The daily digest in the jobs channel: from this local hour on; undefined = no digest. */
  digest: { hour: number; timeZone: string } | undefined;
  /** How long a claimed delivery is held before another replica may take it over. */
  outboxLeaseMs: number;
  /** Posts per second per channel, shared by every replica; undefined = the default (0.95). */
  channelPostsPerSecond?: number | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment, or throws a ConfigError whose message is one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got =
        typeof env[name] === 'string' && !/SECRET|TOKEN/.test(name) ? ` (got "${env[name]}")` : '';
      return `${name} must be ${issue.message}${got}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : undefined,
    jobsChannel: e.SLACK_JOBS_CHANNEL,
    admins: e.JOBDESK_ADMINS,
    intakeSecret: e.INTAKE_SIGNING_SECRET,
    outboundWebhook:
      e.OUTBOUND_WEBHOOK_URL && e.OUTBOUND_SIGNING_SECRET
        ? { url: e.OUTBOUND_WEBHOOK_URL, secret: e.OUTBOUND_SIGNING_SECRET }
        : undefined,
    schedulerTick: e.SCHEDULER_TICK,
    digest:
      e.DIGEST_HOUR === 'off' ? undefined : { hour: e.DIGEST_HOUR, timeZone: e.DIGEST_TIMEZONE },
    outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
    channelPostsPerSecond: e.SLACK_CHANNEL_POSTS_PER_SECOND,
    logLevel: e.LOG_LEVEL,
  };
}
