// HTML building for the sandbox page. Everything a person or the app wrote goes through `esc`:
// the page must show merchant text exactly as Slack would, never run it.

export function esc(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** ` name="value"` pairs; undefined, null and false leave the attribute out, true writes it bare. */
export function attrs(
  values: Record<string, string | number | boolean | null | undefined>,
): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${esc(value)}"`;
  }
  return out;
}

/** Only links a person could follow safely: no javascript:, data: or relative URLs. */
export function safeUrl(url: string): string | undefined {
  return /^(https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : undefined;
}
