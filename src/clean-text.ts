/**
 * Untrusted text, cleaned once where it enters jobdesk (the intake API, Slack payloads, and the
 * email doors): what Postgres cannot store never reaches a query, so it can never turn into a
 * 500 the sender retries forever. Pure, with no imports, so every boundary can use it.
 */

// Half of a UTF-16 pair without its other half (no `u` flag: it matches code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes NUL characters and replaces lone surrogates (half of a UTF-16 pair, which has no UTF-8
 * form and which jsonb refuses) with U+FFFD, the replacement character.
 */
export function cleanText(text: string): string {
  // A NUL cannot be stored in a Postgres text or jsonb value.
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Cleans every string in a parsed JSON value (object keys too), in place, and returns the value.
 * In place, because Bolt hands listeners views of one parsed body (the action, the view), so
 * cleaning the body cleans what every listener reads.
 */
export function cleanStringsInPlace<T>(value: T): T {
  return cleanValue(value, 0) as T;
}

/** Deeper than any payload jobdesk reads; a deeper value is left as it is (Slack never sends one). */
const MAX_DEPTH = 64;

function cleanValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanValue(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const cleanKey = cleanText(key);
    const cleaned = cleanValue(record[key], depth + 1);
    if (cleanKey !== key) {
      delete record[key];
      record[cleanKey] = cleaned;
    } else if (cleaned !== record[key]) {
      record[key] = cleaned;
    }
  }
  return value;
}

// Unicode's Bidi_Control characters: embeddings, overrides, isolates and the direction marks.
const BIDI_CONTROLS = /\p{Bidi_Control}/gu;

/**
 * Drops bidirectional control characters, so merchant text shown in Slack cannot display
 * reversed (a right-to-left override turning "txt.exe" around) or reorder what follows it.
 */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
