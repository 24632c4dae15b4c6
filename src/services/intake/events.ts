import { z } from 'zod';

/**
 * Intake events, version 1 (DESIGN §3). The wire format is snake_case JSON; parsing yields
 * camelCase objects with Dates. Fields may be added, never removed or made stricter, so extra
 * fields are stripped rather than refused: senders are email parsers and Zapier zaps that we
 * cannot upgrade in lockstep.
 */

export const INTAKE_EVENT_TYPES = [
  'job.created',
  'message.received',
  'proposal.accepted',
  'job.declined',
] as const;
export type IntakeEventType = (typeof INTAKE_EVENT_TYPES)[number];

// Limits are generous on purpose: a job lost to a 400 costs more than a long card, and the Slack
// layer already cuts text to Block Kit's limits.
export const MAX_ID_CHARS = 200;
export const MAX_TITLE_CHARS = 2000;
export const MAX_TEXT_CHARS = 50_000;
export const MAX_NAME_CHARS = 500;
export const MAX_EMAIL_CHARS = 320;
export const MAX_DOMAIN_CHARS = 253;
export const MAX_AMOUNT_INTEGER_DIGITS = 15;
export const MAX_AMOUNT_FRACTION_DIGITS = 6;

const AMOUNT_PATTERN = new RegExp(
  `^\\d{1,${MAX_AMOUNT_INTEGER_DIGITS}}(\\.\\d{1,${MAX_AMOUNT_FRACTION_DIGITS}})?$`,
);
const AMOUNT_MESSAGE = 'expected a non-negative decimal amount, e.g. "500.00"';
const HOSTNAME_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

// Generated payloads often send null or "" for "unknown"; both mean the optional field is absent.
const absentIfBlank = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absentIfBlank, schema.optional());

// A schema-level message would otherwise also replace "required" for a missing field.
const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : message;

const notBlank = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const id = notBlank(MAX_ID_CHARS);
// Free text keeps its whitespace: line breaks in a brief or a message carry meaning.
const freeText = z
  .string()
  .max(MAX_TEXT_CHARS)
  .refine((text) => text.trim() !== '', 'must not be empty');

const timestamp = z.iso
  .datetime({
    offset: true,
    error: unlessMissing('expected an ISO 8601 date-time with offset, e.g. 2026-11-27T10:00:00Z'),
  })
  .transform((text) => new Date(text));

const amount = z
  .union([z.string().trim(), z.number().transform(String)], {
    error: unlessMissing(AMOUNT_MESSAGE),
  })
  .refine((text) => AMOUNT_PATTERN.test(text), AMOUNT_MESSAGE);
const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'expected a 3-letter ISO 4217 code, e.g. USD')
  .transform((code) => code.toUpperCase());

// Accept what people paste ("https://Ada.myshopify.com/"); store the bare host.
const storeDomain = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .replace(/^https?:\/\//, '')
          .replace(/\/+$/, '')
      : value,
  z
    .string()
    .min(1, 'must not be empty')
    .max(MAX_DOMAIN_CHARS)
    .regex(HOSTNAME_PATTERN, 'expected a store domain, e.g. ada.myshopify.com'),
);

const ref = z.object({ id });

const job = z
  .object({
    id,
    title: notBlank(MAX_TITLE_CHARS),
    description: optional(freeText),
    service: notBlank(MAX_NAME_CHARS),
    budget: optional(z.object({ amount, currency })),
    created_at: timestamp,
  })
  .transform(({ created_at, ...rest }) => ({ ...rest, createdAt: created_at }));

const merchant = z.object({
  id,
  name: notBlank(MAX_NAME_CHARS),
  email: optional(z.email('expected an email address').max(MAX_EMAIL_CHARS)),
  store: z.object({ domain: storeDomain, name: optional(notBlank(MAX_NAME_CHARS)) }),
  dropshipper: optional(z.boolean()),
});

const message = z
  .object({ id, body: freeText, sent_at: timestamp })
  .transform(({ sent_at, ...rest }) => ({ ...rest, sentAt: sent_at }));

const proposal = z.object({
  id,
  title: notBlank(MAX_TITLE_CHARS),
  amount: optional(amount),
  currency: optional(currency),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const proposalAcceptedData = z
  .object({
    conversation: ref,
    merchant,
    proposal,
    store_choice: z.enum(['new', 'existing'], {
      error: unlessMissing('expected "new" or "existing"'),
    }),
    job: optional(job),
  })
  .superRefine(
    (data, ctx) => {
      if (data.store_choice === 'existing' && data.job === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['job'],
          message:
            'required when store_choice is "existing": the merchant picked a store, so a job starts',
        });
      }
    },
    // Runs beside other field problems so a sender sees every mistake in one round trip.
    { when: (payload) => isRecord(payload.value) },
  )
  // Narrows the type so `storeChoice: 'existing'` carries a job without a non-null assertion.
  .transform(({ store_choice, job, ...rest }) => {
    if (store_choice === 'new') return { ...rest, storeChoice: store_choice, job };
    if (job) return { ...rest, storeChoice: store_choice, job };
    return z.NEVER;
  });

const envelope = <T extends IntakeEventType, D extends z.ZodType>(type: T, data: D) =>
  z
    .object({ id, type: z.literal(type), occurred_at: timestamp, data })
    .transform(({ occurred_at, ...rest }) => ({ ...rest, occurredAt: occurred_at }));

const jobCreated = envelope('job.created', z.object({ job, merchant, conversation: ref }));
const messageReceived = envelope(
  'message.received',
  // No job: the merchant wrote without accepting a proposal (a conversation without a job).
  z.object({ conversation: ref, job: optional(ref), merchant, message }),
);
const proposalAccepted = envelope('proposal.accepted', proposalAcceptedData);
const jobDeclined = envelope('job.declined', z.object({ job: ref, reason: optional(freeText) }));

export const intakeEventSchema = z.discriminatedUnion('type', [
  jobCreated,
  messageReceived,
  proposalAccepted,
  jobDeclined,
]);

export type IntakeEvent = z.output<typeof intakeEventSchema>;
export type JobCreatedEvent = z.output<typeof jobCreated>;
export type MessageReceivedEvent = z.output<typeof messageReceived>;
export type ProposalAcceptedEvent = z.output<typeof proposalAccepted>;
export type JobDeclinedEvent = z.output<typeof jobDeclined>;
export type IntakeJob = z.output<typeof job>;
export type IntakeMerchant = z.output<typeof merchant>;

export interface IntakeProblem {
  /** Dotted path in wire (snake_case) terms, e.g. `data.job.created_at`; `''` is the body. */
  path: string;
  message: string;
}

export type ParseIntakeResult =
  | { ok: true; event: IntakeEvent }
  | { ok: false; problems: IntakeProblem[] };

const SUPPORTED = INTAKE_EVENT_TYPES.join(', ');

// Checked on its own when the type is unknown, so the other envelope mistakes still show up.
const bareEnvelope = z.object({ id, occurred_at: timestamp, data: z.object({}) });

const messages: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined;

function typeProblem(type: unknown): IntakeProblem {
  const message =
    type === undefined
      ? `required; supported types: ${SUPPORTED}`
      : typeof type === 'string'
        ? `unsupported type "${type.slice(0, MAX_ID_CHARS)}"; supported types: ${SUPPORTED}`
        : `expected a string; supported types: ${SUPPORTED}`;
  return { path: 'type', message };
}

const toProblems = (issues: readonly z.core.$ZodIssue[]): IntakeProblem[] =>
  issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/**
 * The dates an event may carry: from 2000-01-01 to a day after now (clocks drift; a feeder may be
 * ahead). Anything else is a sender's mistake that Postgres would refuse (year 0, year 10000
 * once the 72 hours are added) or that would expire a job at once.
 */
export const EARLIEST_DATE = new Date('2000-01-01T00:00:00Z');
export const LATEST_AHEAD_MS = 24 * 60 * 60 * 1000;

function dateProblems(event: IntakeEvent, now: Date): IntakeProblem[] {
  const dates: [string, Date | undefined][] = [['occurred_at', event.occurredAt]];
  if (event.type === 'job.created') dates.push(['data.job.created_at', event.data.job.createdAt]);
  if (event.type === 'proposal.accepted') {
    dates.push(['data.job.created_at', event.data.job?.createdAt]);
  }
  if (event.type === 'message.received') {
    dates.push(['data.message.sent_at', event.data.message.sentAt]);
  }
  const latest = new Date(now.getTime() + LATEST_AHEAD_MS);
  return dates.flatMap(([path, date]) =>
    date && !(date >= EARLIEST_DATE && date <= latest)
      ? [
          {
            path,
            message: `must be between 2000-01-01T00:00:00Z and a day from now (${latest.toISOString()})`,
          },
        ]
      : [],
  );
}

export function parseIntakeEvent(json: unknown, now: Date = new Date()): ParseIntakeResult {
  const parsed = intakeEventSchema.safeParse(json, { error: messages });
  if (parsed.success) {
    const problems = dateProblems(parsed.data, now);
    return problems.length ? { ok: false, problems } : { ok: true, event: parsed.data };
  }

  const unknownType = parsed.error.issues.some(
    (issue) => issue.code === 'invalid_union' && issue.path.join('.') === 'type',
  );
  if (!unknownType || !isRecord(json)) {
    return { ok: false, problems: toProblems(parsed.error.issues) };
  }

  const rest = bareEnvelope.safeParse(json, { error: messages });
  const others = rest.success ? [] : toProblems(rest.error.issues);
  return { ok: false, problems: [typeProblem(json.type), ...others] };
}
