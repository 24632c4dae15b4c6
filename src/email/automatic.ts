import type { Headers } from 'mailparser';

const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object' && 'value' in value
      ? String((value as { value: unknown }).value)
      : '';

/**
 * Auto-replies, out-of-office notes and list mail (RFC 3834's Auto-Submitted, the de facto
 * X-Autoreply / X-Autorespond, Precedence bulk|auto_reply|list|junk, List-Id): shown as
 * automatic, never a status change or a DM.
 */
export function isAutomatic(headers: Headers): boolean {
  const autoSubmitted = text(headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return true;
  const precedence = text(headers.get('precedence')).trim().toLowerCase();
  if (['auto_reply', 'bulk', 'list', 'junk'].includes(precedence)) return true;
  // mailparser gathers List-Id, List-Unsubscribe and the rest under one `list` key.
  if (headers.has('list') || headers.has('list-id') || headers.has('list-unsubscribe')) return true;
  return false;
}
