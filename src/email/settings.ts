import type { EmailConfig } from '../config.ts';
import type { EmailSettings } from '../services/email/settings.ts';
import { bareAddress, parseInboundAddress } from './addresses.ts';

/** What the services need to know of the email config. */
export function emailSettings(config: EmailConfig | undefined): EmailSettings | undefined {
  if (!config) return undefined;
  const inbound = config.inboundAddress ? parseInboundAddress(config.inboundAddress) : undefined;
  const from = config.outbound ? bareAddress(config.outbound.from) : undefined;
  return {
    ...(inbound && { inbound }),
    ...(from && {
      outbound: { messageIdDomain: from.slice(from.lastIndexOf('@') + 1).toLowerCase() },
    }),
  };
}
