import { LEAD_FIELDS, LEAD_LABELS, LEAD_MIN_FIELDS, type LeadField } from './lead-labels.ts';

export interface LeadFields {
  name: string;
  email: string;
  store?: string;
  service?: string;
  budget?: string;
  description?: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest labels first, so "store url" wins over "store".
const LABELS: { field: LeadField; label: string }[] = LEAD_FIELDS.flatMap((field) =>
  LEAD_LABELS[field].map((label) => ({ field, label })),
).sort((a, b) => b.label.length - a.label.length);

/**
 * `Label: value`, `Label – value`, `Label<two or more spaces>value` (an HTML table as text), or a
 * label alone on its line with the value below. Leading quote marks and bullets are ignored, so
 * a lead forwarded inline or quoted still reads.
 */
const LINE = new RegExp(
  `^(${LABELS.map((l) => escapeRegExp(l.label).replace(/ /g, '\\s+')).join('|')})\\s*(?:[:：]|\\s[-–]\\s|\\s{2,}|\\t|$)\\s*(.*)$`,
  'i',
);

function stripLine(line: string): string {
  return line
    .replace(/^(\s*>)+/, '')
    .replace(/^\s*[*•·-]\s+/, '')
    .replace(/\*\*/g, '')
    .trim();
}

function fieldOf(label: string): LeadField | undefined {
  const key = label.toLowerCase().replace(/\s+/g, ' ');
  return LABELS.find((l) => l.label === key)?.field;
}

/**
 * Finds a lead's labelled fields in an email's text, tolerant of order, spacing, extra text and
 * forwarding. Undefined unless it names the contact's email and enough other fields to be a
 * lead rather than a message that happens to contain "Name:".
 */
export function recogniseLead(text: string): LeadFields | undefined {
  const lines = text.split(/\r?\n/).map(stripLine);
  const found: Partial<Record<LeadField, string>> = {};
  for (let i = 0; i < lines.length; i++) {
    const match = LINE.exec(lines[i] as string);
    if (!match) continue;
    const field = fieldOf(match[1] as string);
    if (!field || found[field] !== undefined) continue;
    let value = (match[2] ?? '').trim();
    // The value runs on below the label (always for a description) until a blank line or the next label.
    const parts = value ? [value] : [];
    let j = i + 1;
    if (field === 'description' || !value) {
      while (j < lines.length && (lines[j] as string) !== '' && !LINE.test(lines[j] as string)) {
        parts.push(lines[j] as string);
        j++;
      }
      if (parts.length === 0) continue;
      i = j - 1;
    }
    value = (field === 'description' ? parts.join('\n') : parts.join(' ')).trim();
    if (value) found[field] = value;
  }
  const email = found.email ? EMAIL.exec(found.email)?.[0] : undefined;
  if (!email) return undefined;
  const named = LEAD_FIELDS.filter((f) => found[f] !== undefined).length;
  if (named < LEAD_MIN_FIELDS) return undefined;
  const name = found.name ?? email.split('@')[0] ?? email;
  return {
    name,
    email: email.toLowerCase(),
    ...(found.store && { store: found.store }),
    ...(found.service && { service: found.service }),
    ...(found.budget && { budget: found.budget }),
    ...(found.description && { description: found.description }),
  };
}
