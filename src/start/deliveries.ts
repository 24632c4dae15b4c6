import type { Config, EmailConfig, SlackConfig } from '../config.ts';
import { type SharedPacerOptions, sharedPacer } from '../db/channel-pace.ts';
import type { Database } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { createSlackApi } from '../delivery/slack-api.ts';
import { slackDeliveries } from '../delivery/slack-deliveries.ts';
import { webhookHandler } from '../delivery/webhook.ts';
import type { DeliveryHandler } from '../delivery/worker.ts';
import { emailDeliveries } from '../email/outbound/send-email.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { TOPICS } from '../services/outbox-topics.ts';
import { boltLogger } from '../slack/app.ts';

export interface DeliveryDeps {
  config: Config;
  slack: SlackConfig;
  email: EmailConfig | undefined;
  services: Services;
  database: Database;
  workspaceId: string;
  /** The business clock: what cards say. */
  now: () => Date;
  pacing: Pick<SharedPacerOptions, 'perSecond' | 'burst'> | undefined;
  logger: Logger;
}

/**
 * What the outbox worker delivers, by topic: Slack always; the outbound webhook and email when
 * they are configured. A new way out is one more line here.
 */
export function deliveryHandlers(deps: DeliveryDeps): Record<string, DeliveryHandler> {
  const { config, email, services } = deps;
  const slackApi = createSlackApi(
    deps.slack.botToken,
    deps.slack.apiUrl,
    boltLogger(deps.logger.child({ component: 'slack-api' })),
  );
  return {
    ...slackDeliveries({
      services,
      slack: slackApi,
      now: deps.now,
      // The pace lives in the database: replicas share each channel's one message a second.
      pacer: sharedPacer(
        deps.database.db,
        deps.workspaceId,
        deps.pacing ?? { perSecond: config.channelPostsPerSecond, burst: config.channelPostsBurst },
      ),
      isUnavailable: isDatabaseUnavailable,
    }),
    // Webhook signatures are on the wall clock even when the business clock is moved.
    ...(config.outboundWebhook && {
      [TOPICS.webhook]: webhookHandler(config.outboundWebhook, () => new Date()),
    }),
    // The team's replies, "can't help" and review requests, through OUTBOUND_SMTP_URL.
    ...(email?.outbound && emailDeliveries({ services, outbound: email.outbound })),
  };
}
