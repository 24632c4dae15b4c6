import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config.ts';

export interface SlackIdentity {
  /** The installing workspace: jobdesk's workspace id. */
  teamId: string;
  teamName: string | undefined;
  botUserId: string;
  botId: string | undefined;
}

/** Asks Slack who the bot token belongs to (one auth.test at start). */
export async function fetchIdentity(config: SlackConfig): Promise<SlackIdentity> {
  const client = new WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  });
  const auth = await client.auth.test();
  if (!auth.team_id || !auth.user_id)
    throw new Error('auth.test did not say which workspace the token is for');
  return { teamId: auth.team_id, teamName: auth.team, botUserId: auth.user_id, botId: auth.bot_id };
}
