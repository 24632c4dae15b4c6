import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Job } from '../domain/index.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { invalidInput } from './context.ts';
import { createJob } from './create-job.ts';
import { homeRefreshDelay } from './home-refresh.ts';

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max, `Keep it under ${max} characters`).optional(),
  );

export const handLoggedJobSchema = z.object({
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
    const key = `manual:${randomUUID()}`;
    const merchant = await repos.merchants.upsert(actor.workspaceId, {
      sourceId: key,
      name: lead.merchantName,
      email: lead.merchantEmail ?? null,
      storeDomain: lead.storeDomain ?? null,
    });
    const conversation = await repos.conversations.upsert(actor.workspaceId, key, merchant.id);
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
