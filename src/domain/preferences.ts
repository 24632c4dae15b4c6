import { z } from 'zod';

/** The team's marketplace preferences, as the source page lists them; set by admins only. */
export interface ServiceOffer {
  name: string;
  /** Decimal string, e.g. "500.00", so money never passes through floating point. */
  price: string | null;
  currency: string | null;
}

export interface Preferences {
  availableForWork: boolean;
  shownInSearch: boolean;
  worksWithDropshippers: boolean;
  notificationEmail: string | null;
  services: ServiceOffer[];
}

export const DEFAULT_PREFERENCES: Preferences = {
  availableForWork: true,
  shownInSearch: true,
  worksWithDropshippers: false,
  notificationEmail: null,
  services: [],
};

export const MAX_SERVICES = 30;

const money = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'Write a price like 500 or 499.99');

export const serviceOfferSchema = z.object({
  name: z.string().trim().min(1, 'Name the service').max(100, 'Keep the name under 100 characters'),
  price: money.nullable(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code such as USD')
    .nullable(),
});

export const preferencesSchema = z.object({
  availableForWork: z.boolean(),
  shownInSearch: z.boolean(),
  worksWithDropshippers: z.boolean(),
  notificationEmail: z
    .string()
    .trim()
    .max(254, 'That email address is too long')
    .pipe(z.email('Enter an email address like team@agency.com'))
    .nullable(),
  services: z.array(serviceOfferSchema).max(MAX_SERVICES, `At most ${MAX_SERVICES} services`),
});

export type FieldErrors = Record<string, string>;

/** Validates preferences; returns either the clean value or one message per bad field path. */
export function validatePreferences(
  input: unknown,
): { ok: true; value: Preferences } | { ok: false; errors: FieldErrors } {
  const parsed = preferencesSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}
