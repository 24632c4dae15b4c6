import type { IngestEmailResult } from '../services/email/inbound-email.ts';
import type { Services } from '../services/index.ts';
import { type InboundAddress, parseInboundAddress } from './addresses.ts';

// The parser (mailparser, html-to-text, email-reply-parser: about 25 MiB resident) is loaded with
// the first email, so a jobdesk that receives none never holds it.
let parser: Promise<typeof import('./parse-email.ts')> | undefined;
const loadParser = () => {
  parser ??= import('./parse-email.ts');
  return parser;
};

/** 10 MiB: a reply with a few photos or a PDF fits; a runaway sender cannot fill memory. */
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;

/** One raw email from any door, with the envelope recipients when the door knows them. */
export type AcceptEmail = (raw: Buffer, recipients?: string[]) => Promise<IngestEmailResult>;

/** The one pipeline every door feeds: parse, clean, classify, then the ingest service. */
export function emailIntake(
  services: Pick<Services, 'ingestEmail'>,
  workspaceId: string,
  inboundAddress: string | undefined,
): AcceptEmail {
  const inbound: InboundAddress | undefined = inboundAddress
    ? parseInboundAddress(inboundAddress)
    : undefined;
  return async (raw, recipients) => {
    const { parseEmail } = await loadParser();
    return services.ingestEmail(workspaceId, await parseEmail(raw, { inbound, recipients }));
  };
}
