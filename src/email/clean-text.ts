import { cleanText } from '../clean-text.ts';

/**
 * Email is untrusted text, cleaned once as it is parsed with the same rule as every other
 * boundary (src/clean-text.ts: NUL removed, lone surrogates made U+FFFD).
 */
export { cleanText };

/** A cleaned header or field, or null when nothing is left of it. */
export function cleanOptional(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = cleanText(text).trim();
  return cleaned === '' ? null : cleaned;
}
