/**
 * The labels a lead email uses for each field, lower-case, as data: a team whose leads arrive
 * in another layout or language adds its words here. English first (the Partner Directory's
 * lead form: contact name and email, store, service, budget, description).
 */
export const LEAD_FIELDS = ['name', 'email', 'store', 'service', 'budget', 'description'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const LEAD_LABELS: Record<LeadField, readonly string[]> = {
  name: ['name', 'contact name', 'full name', 'merchant name', 'merchant', 'your name', 'contact'],
  email: ['email', 'e-mail', 'email address', 'contact email', 'merchant email', 'your email'],
  store: ['store', 'store url', 'store domain', 'shop', 'shop url', 'website', 'store name'],
  service: ['service', 'services', 'service needed', 'service requested', 'type of service'],
  budget: ['budget', 'estimated budget', 'budget range'],
  description: [
    'description',
    'project description',
    'message',
    'details',
    'problem or goal',
    'what do you need help with',
  ],
};

/** Fields a text must name before it counts as a lead: contact email plus two more. */
export const LEAD_MIN_FIELDS = 3;
