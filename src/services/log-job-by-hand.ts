import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, type Job } from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { invalidInput } from './context.ts';
import { createJob } from './create-job.ts';
import { homeRefreshDelay } from './home-refresh.ts';
import type { Repositories } from './ports.ts';

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max, `Keep it under ${max} characters`).optional(),
  );

export const handLoggedJobSchema = z.object({
  /** An inquiry this job takes over (Create job on its card): its thread becomes the job's. */
  conversationId: z.number().int().positive().optional(),
  title: z
    .string()
    .trim()
    .min(1, 'Give the job a title')
    .max(300, 'Keep the title under 300 characters'),
  merchantName: z.string().trim().min(1, "Write the merchant's name").max(200),
  merchantEmail: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.email('Enter an email address like ada@example.com').optional(),
  ),
  storeDomain: optionalText(253),
  service: optionalText(200),
  budgetAmount: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'Write an amount like 500 or 499.99')
      .optional(),
  ),
  budgetCurrency: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'Use a 3-letter code such as USD')
      .transform((c) => c.toUpperCase())
      .optional(),
  ),
  description: optionalText(10_000),
});

export type HandLoggedJob = z.input<typeof handLoggedJobSchema>;

/**
 * Logs a lead that reached the team by email or phone. It gets its own merchant and conversation
 * and the usual 72-hour clock from now.
 */
export async function logJobByHand(
  deps: ServiceDeps,
  actor: Actor,
  input: HandLoggedJob,
): Promise<Job> {
  const parsed = handLoggedJobSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.')] ??= issue.message;
    throw invalidInput('Some fields need fixing', { fieldErrors });
  }
  const lead = parsed.data;
  return deps.store.transaction(async (repos) => {
    const now = deps.now();
    await repos.workspaces.ensure(actor.workspaceId);
    const conversation = lead.conversationId
      ? await inquiryToTakeOver(repos, actor.workspaceId, lead)
      : await newConversation(repos, actor.workspaceId, lead);
    return createJob(
      repos,
      actor.workspaceId,
      {
        sourceId: null,
        conversation,
        title: lead.title,
        description: lead.description ?? null,
        service: lead.service ?? null,
        budget:
          lead.budgetAmount && lead.budgetCurrency
            ? { amount: lead.budgetAmount, currency: lead.budgetCurrency }
            : null,
        sourceCreatedAt: now,
        createdBy: actor.userId,
      },
      actor.userId,
      now,
      homeRefreshDelay(deps),
    );
  });
}

type Lead = z.output<typeof handLoggedJobSchema>;

async function newConversation(repos: Repositories, workspaceId: string, lead: Lead) {
  const key = `manual:${randomUUID()}`;
  const merchant = await repos.merchants.upsert(workspaceId, {
    sourceId: key,
    name: lead.merchantName,
    email: lead.merchantEmail ?? null,
    storeDomain: lead.storeDomain ?? null,
  });
  return repos.conversations.upsert(workspaceId, key, merchant.id);
}

/**
 * The inquiry the job is created from: locked, still without a job (two people clicking Create
 * job at once make one job), its merchant refreshed with what the modal says.
 */
async function inquiryToTakeOver(repos: Repositories, workspaceId: string, lead: Lead) {
  const id = lead.conversationId as number;
  const conversation = await repos.conversations.findById(workspaceId, id, 'for_update');
  if (!conversation) {
    throw new DomainError('conversation_not_found', 'That conversation no longer exists', {
      conversationId: id,
    });
  }
  const job = await repos.jobs.findLatestForConversation(workspaceId, id);
  if (job) {
    throw new DomainError(
      'conversation_has_job',
      `This conversation has a job now (J-${job.number}) — act on the job card instead`,
      { ref: `J-${job.number}` },
    );
  }
  const merchant = await repos.merchants.findById(workspaceId, conversation.merchantId);
  if (merchant) {
    await repos.merchants.upsert(workspaceId, {
      sourceId: merchant.sourceId,
      name: lead.merchantName,
      ...(lead.merchantEmail && { email: lead.merchantEmail }),
      ...(lead.storeDomain && { storeDomain: lead.storeDomain }),
    });
  }
  return conversation;
}

/** What the new-job modal starts with when Create job turns an inquiry into a job. */
export function jobDraftFromInquiry(
  deps: ServiceDeps,
  workspaceId: string,
  conversationId: number,
) {
  return deps.store.transaction(async (repos) => {
    const conversation = await repos.conversations.findById(workspaceId, conversationId);
    if (!conversation) {
      throw new DomainError('conversation_not_found', 'That conversation no longer exists', {
        conversationId,
      });
    }
    const merchant = await repos.merchants.findById(workspaceId, conversation.merchantId);
    const { messages } = await repos.messages.listForConversation(workspaceId, conversationId, {
      limit: 1,
      offset: 0,
    });
    const [firstEmail] = await repos.emails.listForConversation(workspaceId, conversationId, 1);
    const name = merchant?.name ?? 'the merchant';
    return {
      conversationId,
      title: (firstEmail?.subject ?? `Request from ${name}`)
        .replace(/^(re|fwd?):\s*/i, '')
        .slice(0, 300),
      merchantName: name,
      merchantEmail: merchant?.email ?? null,
      storeDomain: merchant?.storeDomain ?? null,
      description: messages[0]?.body ?? null,
    };
  });
}
