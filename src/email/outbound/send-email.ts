import type { Transporter } from 'nodemailer';
import { MAX_ATTEMPTS } from '../../delivery/backoff.ts';
import { DeliveryError, type DeliveryOutcome } from '../../delivery/outcome.ts';
import type { DeliveryHandler } from '../../delivery/worker.ts';
import type { Services } from '../../services/index.ts';
import { TOPICS } from '../../services/outbox-topics.ts';
import type { OutboxRow } from '../../services/ports.ts';
import { composeMessage } from './compose.ts';

const DONE: DeliveryOutcome = { kind: 'done' };

const withoutAddresses = (text: string) => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>');

interface SmtpFailure {
  responseCode?: number;
  code?: string;
  response?: string;
  message: string;
}

/** What the relay said, without the email itself: the SMTP code and its text, or the network error. */
function describe(error: SmtpFailure): string {
  if (error.responseCode)
    return `${error.responseCode} ${(error.response ?? error.message).slice(0, 300)}`;
  return `${error.code ?? 'error'}: ${error.message.slice(0, 300)}`;
}

/**
 * The `email.send` delivery: sends one stored outbound email through OUTBOUND_SMTP_URL
 * (nodemailer). 4xx and an unreachable relay are retried (the outbox's backoff and circuit);
 * 5xx is a permanent refusal: the email is marked not delivered and the thread is told. An
 * email already sent (the row was re-claimed after a crash past the relay's 250) is not sent
 * again; the stable Message-ID lets the merchant's server drop the rare repeat in between.
 */
export function emailDeliveries(deps: {
  services: Services;
  outbound: { url: string; from: string };
  transport?: Transporter;
}): Record<string, DeliveryHandler> {
  // nodemailer is loaded here, where email is configured, and not by every jobdesk that imports
  // this module; the first email does not wait for it (the loading starts now).
  const transport: Promise<Transporter> = deps.transport
    ? Promise.resolve(deps.transport)
    : import('nodemailer').then(({ createTransport }) =>
        createTransport(deps.outbound.url, {
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as never),
      );
  // A failure to load surfaces on the first send (and is retried there), not as unhandled.
  transport.catch(() => {});
  return {
    async [TOPICS.emailSend](row: OutboxRow) {
      const id = Number(row.payload.emailId);
      const outbound = await deps.services.getOutboundEmail(row.workspaceId, id);
      // Sent already (a re-claim after a crash past the relay's 250): never twice. A refused one
      // may be sent again when an admin retries it from /jobs outbox.
      if (!outbound || outbound.email.delivery === 'sent' || !outbound.email.toAddress) return DONE;
      const relay = await transport;
      try {
        await relay.sendMail(composeMessage(outbound, deps.outbound.from));
      } catch (caught) {
        const error = caught as SmtpFailure;
        const reason = describe(error);
        const code = error.responseCode;
        const permanent = code !== undefined && code >= 500;
        // The last attempt of a temporary failure is as final as a 5xx: the thread is told too.
        if (permanent || row.attempts >= MAX_ATTEMPTS) {
          await deps.services.markEmailRefused(row.workspaceId, id, reason);
        }
        // The outbox logs and stores this message: no addresses in it (the thread has them).
        throw new DeliveryError(`relay: ${withoutAddresses(reason)}`, permanent, {
          outage: code === undefined,
          code: code ? `smtp_${code}` : (error.code ?? 'unreachable').toLowerCase(),
        });
      }
      await deps.services.markEmailSent(row.workspaceId, id);
      return DONE;
    },
  };
}
