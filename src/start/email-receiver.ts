import type { EmailConfig } from '../config.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../email/doors/smtp-receiver.ts';
import type { AcceptEmail } from '../email/inbound.ts';
import type { EmailLog } from './email-routes.ts';

/**
 * jobdesk's own SMTP receiver, when INBOUND_SMTP_PORT is set. A port it cannot take stops the
 * start with a message that says which.
 */
export async function startEmailReceiver(deps: {
  email: EmailConfig | undefined;
  accept: AcceptEmail;
  log: EmailLog;
}): Promise<SmtpReceiver | undefined> {
  const { email } = deps;
  if (!email?.smtp || !email.inboundAddress) return undefined;
  try {
    return await startSmtpReceiver({
      ...email.smtp,
      inboundAddress: email.inboundAddress,
      accept: deps.accept,
      log: deps.log,
    });
  } catch (error) {
    throw new Error(
      `INBOUND_SMTP_PORT: the SMTP receiver cannot listen on ${email.smtp.host}:${email.smtp.port} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
