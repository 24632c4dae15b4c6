import type { CustomRoute } from '@slack/bolt';
import type { EmailConfig } from '../config.ts';
import { MAILGUN_MIME_PATH, MAILGUN_PATH, mailgunHandler } from '../email/doors/mailgun-door.ts';
import { POSTMARK_PATH, postmarkHandler } from '../email/doors/postmark-door.ts';
import { RAW_EMAIL_PATH, rawEmailHandler } from '../email/doors/raw-door.ts';
import type { AcceptEmail } from '../email/inbound.ts';

export type EmailLog = (level: 'warn' | 'error', msg: string, fields?: object) => void;

/**
 * Email's HTTP doors, each feeding the one pipeline (src/email): the signed raw door always,
 * Postmark's and Mailgun's when their credentials are set.
 */
export function emailRoutes(deps: {
  email: EmailConfig | undefined;
  intakeSecret: string;
  accept: AcceptEmail;
  log: EmailLog;
}): CustomRoute[] {
  const { email, accept, log } = deps;
  // Signatures are checked against the wall clock, whatever the business clock says.
  const wallClock = () => new Date();
  const routes: CustomRoute[] = [
    // One RFC 822 message, signed like /intake/events.
    {
      path: RAW_EMAIL_PATH,
      method: ['POST'],
      handler: rawEmailHandler({ secret: deps.intakeSecret, now: wallClock, accept, log }),
    },
  ];
  // Postmark's inbound webhook, with POSTMARK_INBOUND_AUTH as its basic-auth credentials.
  if (email?.postmark) {
    routes.push({
      path: POSTMARK_PATH,
      method: ['POST'],
      handler: postmarkHandler({ credentials: email.postmark, accept, log }),
    });
  }
  // Mailgun's route forward, signed with MAILGUN_WEBHOOK_SIGNING_KEY (raw MIME on …/mime).
  if (email?.mailgunSigningKey) {
    const handler = mailgunHandler({
      signingKey: email.mailgunSigningKey,
      now: wallClock,
      accept,
      log,
    });
    for (const path of [MAILGUN_PATH, MAILGUN_MIME_PATH]) {
      routes.push({ path, method: ['POST'], handler });
    }
  }
  return routes;
}
