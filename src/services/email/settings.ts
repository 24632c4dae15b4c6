/** What the services know of email (ServiceDeps.email); absent: jobdesk has no email set up. */
export interface EmailSettings {
  /** INBOUND_EMAIL_ADDRESS, split: replies come back to its plus forms. */
  inbound?: { local: string; domain: string };
  /** Set when OUTBOUND_SMTP_URL and MAIL_FROM are: the team's replies leave by email. */
  outbound?: { messageIdDomain: string };
}
