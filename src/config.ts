import { CronPattern } from 'croner';
import { z } from 'zod';
import { isTimeZone } from './domain/calendar.ts';

/** The only reader of process.env: everything else receives a parsed, checked Config. */

const blankIsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const PROCESS_ROLES = ['all', 'web', 'worker'] as const;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

function isCronExpression(expression: string): boolean {
  try {
    new CronPattern(expression);
    return true;
  } catch {
    return false;
  }
}

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
    INBOUND_EMAIL_ADDRESS: optional(
      z.email('an email address such as jobs@acme-agency.com').refine((a) => !a.includes('+'), {
        message: 'the bare address, without a +tag (jobdesk takes the +tag forms itself)',
      }),
    ),
    INBOUND_SMTP_PORT: optional(
      z.coerce
        .number({ error: 'a port number between 0 and 65535' })
        .int('a whole port number')
        .min(0, 'a port number between 0 and 65535')
        .max(65535, 'a port number between 0 and 65535'),
    ),
    INBOUND_SMTP_HOST: z.preprocess(blankIsUnset, z.string().default('0.0.0.0')),
    INBOUND_SMTP_TLS_CERT: optional(z.string()),
    INBOUND_SMTP_TLS_KEY: optional(z.string()),
    OUTBOUND_SMTP_URL: optional(
      z
        .string()
        .regex(/^smtps?:\/\/[^/]+/, 'an smtp:// or smtps:// URL such as smtp://user:pass@host:587'),
    ),
    MAIL_FROM: optional(
      z
        .string()
        .regex(
          /^(.*<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)$/,
          'an address such as "Acme Agency <jobs@acme-agency.com>"',
        ),
    ),
    POSTMARK_INBOUND_AUTH: optional(
      z.string().regex(/^[^:]+:.{8,}$/, 'user:password (a password of at least 8 characters)'),
    ),
    MAILGUN_WEBHOOK_SIGNING_KEY: optional(z.string().min(8, "Mailgun's webhook signing key")),
    // Posts per second per channel, across every replica (default 0.95: 5% under Slack's limit).
    // Raise it only against a fake Slack (tests, benchmarks): Slack answers faster posts with 429.
    SLACK_CHANNEL_POSTS_PER_SECOND: z.preprocess(
      blankIsUnset,
      z.coerce.number({ error: 'a number of posts per second above 0' }).positive().optional(),
    ),
    // Posts a quiet channel may take at once (default 3: Slack grants short bursts). 1 against a
    // fake Slack that grants none (the benchmarks' strict one message a second).
    SLACK_CHANNEL_POSTS_BURST: z.preprocess(
      blankIsUnset,
      z.coerce.number({ error: 'a whole number of posts, 1 or more' }).int().min(1).optional(),
    ),
    LOG_LEVEL: z.preprocess(
      blankIsUnset,
      z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    ),
    JOBDESK_ROLE: z.preprocess(
      blankIsUnset,
      z.enum(PROCESS_ROLES, { error: `one of ${PROCESS_ROLES.join(', ')}` }).default('all'),
    ),
  })
  .superRefine((env, ctx) => {
    // Each message reads after "<VARIABLE> must be": one sentence that says what to do.
    const pairs: [keyof typeof env, keyof typeof env, string][] = [
      [
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'set too: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET connect Slack together (leave both unset to run the local sandbox)',
      ],
      [
        'OUTBOUND_WEBHOOK_URL',
        'OUTBOUND_SIGNING_SECRET',
        'set too: OUTBOUND_WEBHOOK_URL and OUTBOUND_SIGNING_SECRET send the outbound webhook together',
      ],
      [
        'OUTBOUND_SMTP_URL',
        'MAIL_FROM',
        'set too: OUTBOUND_SMTP_URL and MAIL_FROM send email together',
      ],
      [
        'INBOUND_SMTP_TLS_CERT',
        'INBOUND_SMTP_TLS_KEY',
        'set too: INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY offer STARTTLS together',
      ],
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
        message:
          'set, with SLACK_SIGNING_SECRET, for Socket Mode: SLACK_APP_TOKEN alone does not connect the app',
      });
    }
    if (env.JOBDESK_ROLE !== 'all' && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['JOBDESK_ROLE'],
        message: `"all" without Slack credentials: the sandbox runs in one process`,
      });
    }
    if (env.DATABASE_URL && !env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET) {
      // The sandbox is an open page (anyone who reaches the port acts as anyone) with its own
      // worker and clock: on a shared database it would show and change live workspaces' jobs.
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'set, with SLACK_SIGNING_SECRET, when DATABASE_URL is set: the Slack sandbox runs only on its own embedded database (unset DATABASE_URL to try it)',
      });
    }
    const needsInbound = [
      'INBOUND_SMTP_PORT',
      'POSTMARK_INBOUND_AUTH',
      'MAILGUN_WEBHOOK_SIGNING_KEY',
    ] as const;
    for (const name of needsInbound) {
      if (env[name] !== undefined && !env.INBOUND_EMAIL_ADDRESS) {
        ctx.addIssue({
          code: 'custom',
          path: ['INBOUND_EMAIL_ADDRESS'],
          message: `set with ${name}: the address jobdesk receives email at`,
        });
      }
    }
    if (env.DATABASE_URL && !env.INTAKE_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['INTAKE_SIGNING_SECRET'],
        message:
          'set when DATABASE_URL is set: only the embedded database may generate the intake secret',
      });
    }
  });

/**
 * What one process does: `web` answers Slack and the intake API, `worker` runs the outbox worker
 * and the deadline clock, `all` both. Apart, the clicks are acked by processes that never render
 * a Home or post a card; both kinds may run several replicas against one Postgres.
 */
export type ProcessRole = (typeof PROCESS_ROLES)[number];

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
  /** Posts a quiet channel may take at once; undefined = the default (3). */
  channelPostsBurst?: number | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  role: ProcessRole;
  /** Email in and out; undefined parts are not set up. */
  email?: EmailConfig;
}

export interface EmailConfig {
  /** INBOUND_EMAIL_ADDRESS: the address jobdesk receives at (and its +token forms). */
  inboundAddress: string | undefined;
  /** jobdesk's own SMTP receiver. */
  smtp: { port: number; host: string; tls: { cert: string; key: string } | undefined } | undefined;
  /** OUTBOUND_SMTP_URL and MAIL_FROM. */
  outbound: { url: string; from: string } | undefined;
  /** POSTMARK_INBOUND_AUTH as user and password. */
  postmark: { user: string; password: string } | undefined;
  mailgunSigningKey: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Slack variables set to nothing: a deployment that lost its secrets says so, instead of reading
 * as "no Slack" and starting the open sandbox.
 */
const SLACK_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_JOBS_CHANNEL',
] as const;

function blankSlackVariables(env: NodeJS.ProcessEnv): string[] {
  return SLACK_VARIABLES.filter((name) => {
    const value = env[name];
    return typeof value === 'string' && value.trim() === '';
  }).map(
    (name) => `${name} is set but blank: give it its value, or remove it from the environment`,
  );
}

/** Parses the environment, or throws a ConfigError whose message is one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const blanks = blankSlackVariables(env);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success || blanks.length) {
    const lines = (parsed.error?.issues ?? [])
      .map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const got =
          typeof env[name] === 'string' &&
          !/SECRET|TOKEN|AUTH|KEY/.test(name) &&
          name !== 'OUTBOUND_SMTP_URL'
            ? ` (got "${env[name]}")`
            : '';
        return { name, line: `${name} must be ${issue.message}${got}` };
      })
      // A blank variable is reported as blank, not also as missing from its pair.
      .filter(({ name }) => !blanks.some((b) => b.startsWith(`${name} `)))
      .map(({ line }) => line);
    throw new ConfigError([...blanks, ...lines].join('\n'));
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
    channelPostsBurst: e.SLACK_CHANNEL_POSTS_BURST,
    logLevel: e.LOG_LEVEL,
    role: e.JOBDESK_ROLE,
    email: {
      inboundAddress: e.INBOUND_EMAIL_ADDRESS?.toLowerCase(),
      smtp:
        e.INBOUND_SMTP_PORT === undefined
          ? undefined
          : {
              port: e.INBOUND_SMTP_PORT,
              host: e.INBOUND_SMTP_HOST,
              tls:
                e.INBOUND_SMTP_TLS_CERT && e.INBOUND_SMTP_TLS_KEY
                  ? { cert: e.INBOUND_SMTP_TLS_CERT, key: e.INBOUND_SMTP_TLS_KEY }
                  : undefined,
            },
      outbound:
        e.OUTBOUND_SMTP_URL && e.MAIL_FROM
          ? { url: e.OUTBOUND_SMTP_URL, from: e.MAIL_FROM }
          : undefined,
      postmark: e.POSTMARK_INBOUND_AUTH
        ? {
            user: e.POSTMARK_INBOUND_AUTH.slice(0, e.POSTMARK_INBOUND_AUTH.indexOf(':')),
            password: e.POSTMARK_INBOUND_AUTH.slice(e.POSTMARK_INBOUND_AUTH.indexOf(':') + 1),
          }
        : undefined,
      mailgunSigningKey: e.MAILGUN_WEBHOOK_SIGNING_KEY,
    },
  };
}
