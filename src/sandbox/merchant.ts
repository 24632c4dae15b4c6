// The merchant's side of the marketplace: what the panel on the sandbox page sends. Every event
// goes through jobdesk's real intake API, signed with the intake secret like any feeder (an
// email parser, a Zapier zap) would sign it. The sandbox remembers the merchants and
// conversations it created, so later messages, proposals and declines can refer to them.

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { postSignedIntake } from '../http/intake/signed-post.ts';

export interface MerchantProfile {
  id: string;
  name: string;
  email?: string | undefined;
  storeDomain: string;
  storeName?: string | undefined;
}

export interface ConversationRecord {
  id: string;
  merchantId: string;
  /** The source's job id, once the conversation has a job. */
  jobId?: string;
  /** jobdesk's reference for it (J-12), from the intake API's answer. */
  jobRef?: string;
  title?: string;
  /** The merchant declined the job. */
  declined?: boolean;
}

export interface MerchantMemory {
  merchants: MerchantProfile[];
  conversations: ConversationRecord[];
  counter: number;
}

export const emptyMerchantMemory = (): MerchantMemory => ({
  merchants: [],
  conversations: [],
  counter: 0,
});

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    text(max).optional(),
  );

const merchantFields = z.object({
  name: text(500),
  email: optionalText(320),
  storeDomain: text(253),
  storeName: optionalText(500),
});

const jobFields = z.object({
  title: text(2000),
  service: text(500),
  description: optionalText(50_000),
  budget: optionalText(30),
  currency: optionalText(3),
});

export const merchantRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('job'), merchant: merchantFields, job: jobFields }),
  z.object({
    kind: z.literal('message'),
    /** Absent: the merchant writes without a job (an inquiry). */
    conversationId: optionalText(200),
    merchant: merchantFields.optional(),
    body: text(50_000),
  }),
  z.object({
    kind: z.literal('proposal'),
    conversationId: optionalText(200),
    merchant: merchantFields.optional(),
    proposal: z.object({ title: text(2000), amount: optionalText(30), currency: optionalText(3) }),
    storeChoice: z.enum(['new', 'existing']),
    /** For an existing store: the job that starts; what is left out comes from the proposal. */
    job: jobFields.partial().optional(),
  }),
  z.object({ kind: z.literal('decline'), jobId: text(200), reason: optionalText(2000) }),
]);
export type MerchantRequest = z.infer<typeof merchantRequest>;

export interface IntakeAnswer {
  status: number;
  body: unknown;
  /** The event that was sent, to show in the panel. */
  event: { id: string; type: string };
}

/** Ready-made merchants and jobs, so one click sends something realistic. */
const SAMPLES = [
  {
    merchant: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      storeDomain: 'ada-analytics.myshopify.com',
      storeName: "Ada's Engines",
    },
    job: {
      title: 'Speed up my theme',
      service: 'Theme customization',
      description:
        'Our home page takes 6 seconds to load on mobile. Can you make it fast without changing the look?',
      budget: '500.00',
    },
  },
  {
    merchant: {
      name: 'Grace Hopper',
      email: 'grace@example.com',
      storeDomain: 'compiler-coffee.myshopify.com',
      storeName: 'Compiler Coffee',
    },
    job: {
      title: 'Set up subscriptions for coffee beans',
      service: 'Store setup',
      description: 'We want monthly bean subscriptions with a pause option.',
      budget: '1200.00',
    },
  },
  {
    merchant: {
      name: 'Katherine Johnson',
      email: 'kj@example.com',
      storeDomain: 'orbit-outfitters.myshopify.com',
      storeName: 'Orbit Outfitters',
    },
    job: {
      title: 'Migrate 3,000 products from WooCommerce',
      service: 'Migration',
      description: 'CSV exports are ready. Variants and images must come along.',
      budget: '2500.00',
    },
  },
  {
    merchant: {
      name: 'Alan Turing',
      email: 'alan@example.com',
      storeDomain: 'enigma-puzzles.myshopify.com',
      storeName: 'Enigma Puzzles',
    },
    job: {
      title: 'Custom product builder for puzzle boxes',
      service: 'Custom app',
      description: 'Customers pick wood, size and engraving; price updates live.',
      budget: '4000.00',
    },
  },
  {
    merchant: {
      name: 'Hedy Lamarr',
      email: 'hedy@example.com',
      storeDomain: 'frequency-hop.myshopify.com',
      storeName: 'Frequency Hop',
    },
    job: {
      title: 'Fix checkout translations',
      service: 'Internationalization',
      description: 'German checkout shows English shipping names.',
      budget: '300.00',
    },
  },
];

export interface MerchantDraft {
  merchant: MerchantProfile | (typeof SAMPLES)[number]['merchant'];
  job: (typeof SAMPLES)[number]['job'];
}

export interface MerchantSideDeps {
  memory: MerchantMemory;
  /** jobdesk's intake endpoint, e.g. http://127.0.0.1:3000/intake/events */
  intakeUrl: string;
  secret: string;
  /** The business clock: the intake API checks timestamps against it. */
  now: () => Date;
  onChange: () => void;
}

export class MerchantSide {
  constructor(private readonly deps: MerchantSideDeps) {}

  get memory(): MerchantMemory {
    return this.deps.memory;
  }

  /** What the "new job" form starts with: the next sample. */
  draft(): MerchantDraft {
    const sample =
      SAMPLES[this.memory.conversations.length % SAMPLES.length] ??
      (SAMPLES[0] as (typeof SAMPLES)[0]);
    return structuredClone(sample);
  }

  private nextId(prefix: string): string {
    this.memory.counter += 1;
    return `${prefix}_sbx_${this.memory.counter}_${randomBytes(3).toString('hex')}`;
  }

  private merchantFor(fields: z.infer<typeof merchantFields>): MerchantProfile {
    const domain = fields.storeDomain.toLowerCase();
    const known = this.memory.merchants.find((m) => m.storeDomain === domain);
    if (known) {
      Object.assign(known, { ...fields, storeDomain: domain });
      return known;
    }
    const merchant: MerchantProfile = { id: this.nextId('m'), ...fields, storeDomain: domain };
    this.memory.merchants.push(merchant);
    return merchant;
  }

  private conversation(id: string): ConversationRecord {
    const found = this.memory.conversations.find((c) => c.id === id);
    if (!found) throw new MerchantError(`no conversation ${id} in the sandbox`);
    return found;
  }

  private merchantOf(conversation: ConversationRecord): MerchantProfile {
    const merchant = this.memory.merchants.find((m) => m.id === conversation.merchantId);
    if (!merchant) throw new MerchantError(`no merchant for conversation ${conversation.id}`);
    return merchant;
  }

  private newConversation(merchant: MerchantProfile, title?: string): ConversationRecord {
    const conversation: ConversationRecord = {
      id: this.nextId('conv'),
      merchantId: merchant.id,
      ...(title ? { title } : {}),
    };
    this.memory.conversations.push(conversation);
    return conversation;
  }

  /** A conversation named by the request, or a new one for the merchant it describes. */
  private conversationFor(
    request: {
      conversationId?: string | undefined;
      merchant?: z.infer<typeof merchantFields> | undefined;
    },
    title?: string,
  ): ConversationRecord {
    if (request.conversationId) return this.conversation(request.conversationId);
    if (!request.merchant) throw new MerchantError('name the merchant of a new conversation');
    return this.newConversation(this.merchantFor(request.merchant), title);
  }

  private jobWire(job: z.infer<typeof jobFields>, id: string, at: string) {
    return {
      id,
      title: job.title,
      service: job.service,
      ...(job.description ? { description: job.description } : {}),
      ...(job.budget ? { budget: { amount: job.budget, currency: job.currency ?? 'USD' } } : {}),
      created_at: at,
    };
  }

  /** POSTs a raw event to the intake API, signed as any sender signs: on real time. */
  private post(raw: string): Promise<Response> {
    return postSignedIntake(this.deps.intakeUrl, this.deps.secret, raw, {
      signal: AbortSignal.timeout(15_000),
    });
  }

  /** Builds the intake event for a panel request, sends it signed, and remembers its outcome. */
  async send(request: MerchantRequest): Promise<IntakeAnswer> {
    const at = this.deps.now().toISOString();
    const eventId = this.nextId('evt');
    // What this request adds is forgotten again if jobdesk refuses the event.
    const known = {
      merchants: this.memory.merchants.length,
      conversations: this.memory.conversations.length,
    };
    const forget = () => {
      this.memory.merchants.length = known.merchants;
      this.memory.conversations.length = known.conversations;
    };
    let type = '';
    let data: Record<string, unknown> = {};
    let onAccepted: (body: Record<string, unknown>) => void = () => {};

    try {
      switch (request.kind) {
        case 'job': {
          const merchant = this.merchantFor(request.merchant);
          const conversation = this.newConversation(merchant, request.job.title);
          const jobId = this.nextId('job');
          type = 'job.created';
          data = {
            job: this.jobWire(request.job, jobId, at),
            merchant: merchantWire(merchant),
            conversation: { id: conversation.id },
          };
          onAccepted = (body) => {
            conversation.jobId = jobId;
            if (typeof body.job === 'string') conversation.jobRef = body.job;
          };
          break;
        }
        case 'message': {
          const conversation = this.conversationFor(request);
          type = 'message.received';
          data = {
            conversation: { id: conversation.id },
            ...(conversation.jobId ? { job: { id: conversation.jobId } } : {}),
            merchant: merchantWire(this.merchantOf(conversation)),
            message: { id: this.nextId('msg'), body: request.body, sent_at: at },
          };
          break;
        }
        case 'proposal': {
          const conversation = this.conversationFor(request, request.proposal.title);
          if (request.storeChoice === 'existing' && conversation.jobId) {
            throw new MerchantError(
              'this conversation already has a job: pick another or a new one',
            );
          }
          const jobId = request.storeChoice === 'existing' ? this.nextId('job') : undefined;
          const job = {
            title: request.job?.title ?? request.proposal.title,
            service: request.job?.service ?? 'Theme customization',
            description: request.job?.description,
            budget: request.job?.budget ?? request.proposal.amount,
            currency: request.job?.currency ?? request.proposal.currency,
          };
          type = 'proposal.accepted';
          data = {
            conversation: { id: conversation.id },
            merchant: merchantWire(this.merchantOf(conversation)),
            proposal: {
              id: this.nextId('prop'),
              title: request.proposal.title,
              ...(request.proposal.amount
                ? { amount: request.proposal.amount, currency: request.proposal.currency ?? 'USD' }
                : {}),
            },
            store_choice: request.storeChoice,
            ...(jobId ? { job: this.jobWire(job, jobId, at) } : {}),
          };
          onAccepted = (body) => {
            if (!jobId) return;
            conversation.jobId = jobId;
            conversation.title = job.title;
            if (typeof body.job === 'string') conversation.jobRef = body.job;
          };
          break;
        }
        case 'decline': {
          const conversation = this.memory.conversations.find((c) => c.jobId === request.jobId);
          if (!conversation) throw new MerchantError(`no job ${request.jobId} in the sandbox`);
          type = 'job.declined';
          data = {
            job: { id: request.jobId },
            ...(request.reason ? { reason: request.reason } : {}),
          };
          onAccepted = () => {
            conversation.declined = true;
          };
          break;
        }
      }
    } catch (error) {
      forget();
      throw error;
    }

    const raw = JSON.stringify({ id: eventId, type, occurred_at: at, data });
    let response: Response;
    try {
      response = await this.post(raw);
    } catch (error) {
      forget();
      throw error;
    }
    const answer = await response.text();
    let body: unknown = answer;
    try {
      body = JSON.parse(answer);
    } catch {
      // A non-JSON answer is shown as it came.
    }
    if (response.status === 202 && typeof body === 'object' && body !== null) {
      onAccepted(body as Record<string, unknown>);
    } else if (response.status >= 400) {
      forget();
    }
    this.deps.onChange();
    return { status: response.status, body, event: { id: eventId, type } };
  }
}

export class MerchantError extends Error {
  override readonly name = 'MerchantError';
}

function merchantWire(m: MerchantProfile) {
  return {
    id: m.id,
    name: m.name,
    ...(m.email ? { email: m.email } : {}),
    store: { domain: m.storeDomain, ...(m.storeName ? { name: m.storeName } : {}) },
  };
}
