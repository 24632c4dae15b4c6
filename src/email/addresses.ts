/**
 * jobdesk's inbound address and its plus forms: `jobs@acme.example` also takes
 * `jobs+<token>@acme.example`, where the token names a conversation.
 */
export interface InboundAddress {
  local: string;
  domain: string;
}

export function parseInboundAddress(address: string): InboundAddress {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new Error(`not an email address: ${address}`);
  return { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
}

/** Undefined when `address` is not ours; '' for the bare address; the token for a plus form. */
export function plusTokenOf(inbound: InboundAddress, address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = address.slice(at + 1).toLowerCase();
  const local = address.slice(0, at);
  if (domain !== inbound.domain) return undefined;
  if (local.toLowerCase() === inbound.local) return '';
  const prefix = `${inbound.local}+`;
  if (!local.toLowerCase().startsWith(prefix)) return undefined;
  // Tokens keep their case: they are random base62.
  return local.slice(prefix.length);
}

export function isOurs(inbound: InboundAddress, address: string): boolean {
  return plusTokenOf(inbound, address) !== undefined;
}

/** The bare address inside `Name <a@b>`, lower-cased domain; undefined if there is none. */
export function bareAddress(text: string): string | undefined {
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(text) ?? /([^\s<>"',;]+@[^\s<>"',;]+)/.exec(text);
  return match?.[1];
}

/** A Message-ID as stored: without angle brackets or surrounding space. */
export function normaliseMessageId(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/** All `<id>` tokens of a References / In-Reply-To header value. */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (bracketed.length) return bracketed;
  return text.split(/\s+/).map(normaliseMessageId).filter(Boolean);
}
