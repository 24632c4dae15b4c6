import EmailReplyParser from 'email-reply-parser';

/**
 * What the merchant wrote in a reply: the quoted original ("On … wrote:", Outlook's "From: …
 * Sent: …" block, Apple Mail's quote) and the signature removed by email-reply-parser, a port of
 * GitHub's well-tried parser. The whole email stays stored beside it.
 */
export function visibleReply(text: string): string {
  const visible = new EmailReplyParser().read(text).getVisibleText().trim();
  // A reply that is all quote (a forward without a note) keeps its text rather than vanish.
  return visible || text.trim();
}
