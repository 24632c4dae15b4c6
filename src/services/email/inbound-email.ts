/**
 * An email as the pipeline hands it to the services: parsed, cleaned and classified by what its
 * headers and text say (src/email). What only the database knows — whether it answers a thread
 * jobdesk knows — is decided by the service.
 */
export interface InboundEmail {
  /** Without angle brackets; a stable stand-in when the email has none. */
  messageId: string;
  from: { name: string | null; address: string };
  replyTo: { name: string | null; address: string } | null;
  subject: string | null;
  /** The Date header, when it had a valid one. */
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  /** Tokens of our plus addresses among the recipients (envelope and headers). */
  plusTokens: string[];
  /** The whole email as text: headers that matter and every line of the body. */
  fullText: string;
  /** The body with quoted text and signature removed. */
  replyText: string;
  attachments: { name: string; size: number; contentType: string }[];
  /** An auto-reply, out-of-office or mailing-list message. */
  automatic: boolean;
  /** A delivery status notification: which of our emails it is about, and why it failed. */
  bounce: { originalMessageIds: string[]; reason: string } | null;
  lead: {
    name: string;
    email: string;
    store?: string;
    service?: string;
    budget?: string;
    description?: string;
  } | null;
}

export type EmailKind = 'lead' | 'reply' | 'inquiry' | 'automatic' | 'bounce' | 'ignored';

export interface IngestEmailResult {
  outcome: 'accepted' | 'duplicate';
  kind: EmailKind;
  job?: string;
  conversationId?: number;
}
