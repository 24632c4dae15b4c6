import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config.ts';

export interface SlackIdentity {
  /** The installing workspace: jobdesk's workspace id. */
  teamId: string;
  teamName: string | undefined;
  botUserId: string;
  botId: string | undefined;
}

/** Slack's answers to auth.test that mean the bot token itself is no good. */
const TOKEN_REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
]);

/** What went wrong at start, said so that the person starting jobdesk knows what to fix. */
export function identityError(error: unknown, config: SlackConfig): Error {
  const apiUrl = config.apiUrl ?? 'https://slack.com/api/';
  const e = error as { code?: string; data?: { error?: string }; original?: Error };
  if (e.code === 'slack_webapi_platform_error' && e.data?.error) {
    const code = e.data.error;
    if (TOKEN_REFUSED.has(code)) {
      return new Error(
        `Slack refused the bot token in SLACK_BOT_TOKEN (auth.test answered ${code}): copy the Bot User OAuth Token (xoxb-…) of this app from api.slack.com/apps → OAuth & Permissions, and reinstall the app if it was revoked`,
      );
    }
    return new Error(`Slack's auth.test answered ${code} for the bot token in SLACK_BOT_TOKEN`);
  }
  if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') {
    const why = e.original?.message ?? (error as Error).message;
    return new Error(
      `Slack could not be reached at ${apiUrl} (auth.test: ${why}): check the network and proxy of this machine, and SLACK_API_URL if it is set (unset means Slack's own API)`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Asks Slack who the bot token belongs to (one auth.test at start). */
export async function fetchIdentity(config: SlackConfig): Promise<SlackIdentity> {
  const client = new WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  });
  const auth = await client.auth.test().catch((error: unknown) => {
    throw identityError(error, config);
  });
  if (!auth.team_id || !auth.user_id)
    throw new Error('auth.test did not say which workspace the token is for');
  return { teamId: auth.team_id, teamName: auth.team, botUserId: auth.user_id, botId: auth.bot_id };
}
