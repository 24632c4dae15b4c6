import type { ServiceOffer } from '../domain/index.ts';

/**
 * The services of the preferences modal are typed one per line as `Name | price | currency`
 * (price and currency optional), which a multiline input holds better than a growing form.
 * views/modals.ts `serviceLine` writes the same format.
 */
export function parseServiceLines(text: string): ServiceOffer[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', price = '', currency = ''] = line.split('|').map((part) => part.trim());
      return { name, price: price || null, currency: currency || null };
    });
}

/** `services.2.price` → "Line 3: …": where a person finds the mistake in what they typed. */
export function serviceLineOf(path: string): number | undefined {
  const match = /^services\.(\d+)/.exec(path);
  return match ? Number(match[1]) + 1 : undefined;
}
