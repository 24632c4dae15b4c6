/**
 * Email is untrusted text: NUL (Postgres refuses it in text columns) and lone UTF-16 surrogates
 * (invalid Unicode a hostile or broken mail client can produce) are removed once, here, before
 * anything is stored or posted. A trust helper is adding a shared module for the intake
 * boundary; this one is local to the email pipeline until the two are unified.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replaceAll('\0', '').replace(LONE_SURROGATE, '');
}

export function cleanOptional(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = cleanText(text).trim();
  return cleaned === '' ? null : cleaned;
}
