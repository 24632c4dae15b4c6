import type { HomeView } from '@slack/types';
import {
  type ChatPostMessageArguments,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { neutraliseBidi } from '../clean-text.ts';
import type { Person } from '../domain/index.ts';
import { personOf } from '../slack/people.ts';
import { DeliveryError } from './outcome.ts';

/**
 * Slack errors that no retry can fix: a bug in what we send, or an app that lost its access
 * (to the workspace or the channel). Until a person fixes it; then admins retry the dead rows
 * with `/jobs outbox`.
 */
const PERMANENT = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'invalid_blocks',
  'invalid_arguments',
  'msg_too_long',
  'no_text',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'user_not_found',
  'cannot_dm_bot',
]);

/**
 * What a person must do about a permanent Slack error, said where it is logged and kept (the
 * dead row's last error, which `/jobs outbox` and the admins' DM show).
 */
const WHAT_TO_DO: Record<string, string> = {
  not_in_channel:
    'jobdesk is not a member of the channel: type /invite @jobdesk in it, then retry with /jobs outbox',
  channel_not_found:
    'the channel does not exist or jobdesk cannot see it: /invite @jobdesk in it, or pick the jobs channel with /jobs channel',
  is_archived: 'the channel is archived: unarchive it, or pick another one with /jobs channel',
  invalid_auth: 'Slack refused the bot token in SLACK_BOT_TOKEN: set a valid one and restart',
  token_revoked:
    'the bot token in SLACK_BOT_TOKEN was revoked: reinstall the app, set the new token and restart',
  account_inactive: 'the app was uninstalled or its account deactivated: reinstall the app',
  missing_scope: 'the app lacks a scope it needs: reinstall it from manifest.yml',
};

type WebClientLogger = NonNullable<WebClientOptions['logger']>;

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/**
 * What jobdesk attaches to the posts it must not make twice (Slack's message metadata): which
 * outbox row posted it and what it is, so a retry after a crash can find it (see posted-lookup).
 */
export interface DeliveryMetadata {
  event_type: 'jobdesk_delivery';
  event_payload: { outbox_id: number; ref: string };
}

/** A message of the app's found in a channel or thread, with the delivery metadata it carries. */
export interface PostedMessage {
  ts: string;
  metadata?: DeliveryMetadata;
}

/** The few Web API calls delivery makes, with Slack's failures turned into DeliveryErrors. */
export interface SlackApi {
  post(
    channel: string,
    message: SlackMessage,
    threadTs?: string,
    options?: { broadcast?: boolean; metadata?: DeliveryMetadata },
  ): Promise<{ channel: string; ts: string }>;
  /**
   * The app's messages posted since `oldest` with delivery metadata: a channel's
   * (conversations.history) or, given `threadTs`, that thread's (conversations.replies).
   */
  findPosted(channel: string, oldest: Date, threadTs?: string): Promise<PostedMessage[]>;
  /** Resolves false when the message no longer exists (someone deleted the card). */
  update(channel: string, ts: string, message: SlackMessage): Promise<boolean>;
  /** The app's DM channel with a person (Slack keeps it stable, so it is remembered). */
  openDm(userId: string): Promise<string>;
  /** Publishes a person's App Home tab. */
  publishHome(userId: string, view: HomeView): Promise<void>;
  /** What Slack says about a person now (users.info), to tell whether they may still act. */
  person(userId: string): Promise<Person>;
}

/** Pages of messages one look-up reads at most, and their size (Slack's maximum is 999). */
const FIND_PAGES = 5;
const FIND_PAGE_SIZE = 200;

/** Slack errors that mean Slack itself is in trouble, like a 5xx. */
const OUTAGE = new Set(['fatal_error', 'internal_error', 'service_unavailable', 'request_timeout']);

export function createSlackApi(
  token: string,
  apiUrl: string | undefined,
  /** The client's own log lines (it redacts tokens), through jobdesk's structured logger. */
  logger?: WebClientLogger,
): SlackApi {
  // The outbox does its own retries and pacing: the client reports 429s instead of sleeping.
  const client = new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    ...(logger ? { logger } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  });
  const dms = new Map<string, string>();
  return {
    async post(channel, message, threadTs, options) {
      const result = await call(() =>
        client.chat.postMessage({
          channel,
          text: neutraliseBidi(message.text),
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(threadTs && options?.broadcast ? { reply_broadcast: true } : {}),
          ...(options?.metadata ? { metadata: options.metadata } : {}),
        } as ChatPostMessageArguments),
      );
      return { channel: String(result.channel ?? channel), ts: String(result.ts) };
    },
    async findPosted(channel, oldest, threadTs) {
      const found: PostedMessage[] = [];
      let cursor: string | undefined;
      // A look-up covers one crash's posts; a few pages of Slack's maximum are plenty.
      for (let page = 0; page < FIND_PAGES; page++) {
        const args = {
          channel,
          oldest: (oldest.getTime() / 1000).toFixed(6),
          include_all_metadata: true,
          limit: FIND_PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        };
        const result = await call(() =>
          threadTs
            ? client.conversations.replies({ ...args, ts: threadTs })
            : client.conversations.history(args),
        );
        for (const m of result.messages ?? []) {
          const metadata = m.metadata as DeliveryMetadata | undefined;
          if (m.ts && metadata?.event_type === 'jobdesk_delivery')
            found.push({ ts: m.ts, metadata });
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!result.has_more || !cursor) break;
      }
      return found;
    },
    async update(channel, ts, message) {
      try {
        await call(() =>
          client.chat.update({
            channel,
            ts,
            text: neutraliseBidi(message.text),
            blocks: message.blocks as never,
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof DeliveryError && error.message === 'message_not_found') return false;
        throw error;
      }
    },
    async openDm(userId) {
      const known = dms.get(userId);
      if (known) return known;
      const result = await call(() => client.conversations.open({ users: userId }));
      const id = result.channel?.id;
      if (!id) throw new DeliveryError('conversations.open returned no channel', false);
      if (dms.size > 10_000) dms.clear();
      dms.set(userId, id);
      return id;
    },
    async publishHome(userId, view) {
      await call(() => client.views.publish({ user_id: userId, view }));
    },
    async person(userId) {
      const result = await call(() => client.users.info({ user: userId }));
      if (!result.user) throw new DeliveryError('users.info returned no user', false);
      return personOf(userId, result.user);
    },
  };
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toDeliveryError(error);
  }
}

/**
 * Slack's failures as DeliveryErrors. Only Slack's error code or HTTP status is kept: the Web API
 * client's errors carry the request (and its Authorization header), which must never reach a log.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof WebAPIRateLimitedError) {
    return new DeliveryError('rate_limited', false, {
      retryAfterMs: Math.max(1, error.retryAfter) * 1000,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    const todo = WHAT_TO_DO[code];
    return new DeliveryError(todo ? `${code}: ${todo}` : code, PERMANENT.has(code), {
      outage: OUTAGE.has(code),
      code,
    });
  }
  if (error instanceof WebAPIHTTPError) {
    const code = `http_${error.statusCode}`;
    return new DeliveryError(code, false, { outage: error.statusCode >= 500, code });
  }
  if (error instanceof WebAPIRequestError) {
    return new DeliveryError(`request_failed: ${error.original.message}`, false, {
      outage: true,
      code: 'request_failed',
    });
  }
  return new DeliveryError((error as Error)?.message ?? String(error), false, { code: 'error' });
}
