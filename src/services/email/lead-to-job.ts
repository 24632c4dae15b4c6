import type { InboundEmail } from './inbound-email.ts';

type Lead = NonNullable<InboundEmail['lead']>;

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** "$2,500 USD", "500 EUR", "€ 1.200" → an amount and currency; a range or prose → none. */
export function budgetOf(text: string | undefined): { amount: string; currency: string } | null {
  if (!text) return null;
  const match = /^\s*([$€£¥]|[A-Za-z]{3})?\s*(\d[\d,]*(?:\.\d{1,2})?)\s*([A-Za-z]{3})?\s*$/.exec(
    text,
  );
  if (!match) return null;
  const code = (match[3] ?? (match[1] && (SYMBOLS[match[1]] ?? match[1])) ?? '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return null;
  return { amount: (match[2] as string).replace(/,/g, ''), currency: code };
}

/** A store field is a domain ("https://Ada.myshopify.com/" → ada.myshopify.com) or a name. */
export function storeOf(text: string | undefined): { domain: string; name?: string } {
  if (!text) return { domain: '' };
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  if (HOST.test(host) && host.length <= 253) return { domain: host };
  return { domain: '', name: text.trim().slice(0, 500) };
}

export function leadTitle(lead: Lead, subject: string | null): string {
  const who = storeOf(lead.store).domain || lead.store || lead.name;
  if (lead.service) return `${lead.service} for ${who}`.slice(0, 300);
  return (subject ?? `Lead from ${who}`).slice(0, 300);
}

/** The description, with the budget written out when it is not one amount (a range). */
export function leadDescription(lead: Lead): string | undefined {
  const parts = [lead.description];
  if (lead.budget && !budgetOf(lead.budget)) parts.push(`Budget: ${lead.budget}`);
  const text = parts.filter(Boolean).join('\n\n');
  return text || undefined;
}
