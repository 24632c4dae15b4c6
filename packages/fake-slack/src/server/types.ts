// Shapes the fake Slack stores and hands out. They mirror what Slack returns (snake_case), so a test
// (or the future sandbox UI) can treat them exactly like Web API responses.

/** Any JSON object received from the app; validated before use, never trusted. */
export type JsonObject = Record<string, unknown>;

export interface FakeSlackOptions {
  teamId?: string; // default 'T_TEAM'
  teamDomain?: string; // default 'jobdesk-test'
  botUserId?: string; // default 'U_BOT'
  botId?: string; // default 'B_BOT'
  appId?: string; // default 'A_APP'
  botToken?: string; // default 'xoxb-test'
  /** Slack lets a trigger_id be exchanged for 3 seconds; lower or raise it for a test. */
  triggerTtlMs?: number;
  /** Channels that exist from the start (the bot is a member). */
  channels?: ChannelInit[];
  /** Clock for message timestamps and trigger expiry; defaults to Date.now. */
  now?: () => number;
}

export interface ChannelInit {
  id: string;
  name?: string;
  /** false: the bot is not in the channel, posts fail with not_in_channel. */
  isMember?: boolean;
  isArchived?: boolean;
}

export interface UserInit {
  id: string;
  name?: string;
  real_name?: string;
  team_id?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  tz?: string;
  email?: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  tz: string;
  tz_offset: number;
  profile: { real_name: string; display_name: string; email?: string };
}

/** A message as Slack stores it: what conversations.history would return. */
export interface SlackMessage {
  type: 'message';
  subtype?: string;
  channel: string;
  ts: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: JsonObject;
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
}

/** Where an ephemeral message came from: the API, a response_url, or a command's ack body. */
/** How an ephemeral came to be: from the app, or from Slack itself ('slackbot': an unknown command). */
export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'ack' | 'slackbot';

export interface EphemeralMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks?: JsonObject[];
  thread_ts?: string;
  source: EphemeralSource;
}

/** A modal or App Home view, shaped like the `view` object of views.* responses. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  close?: JsonObject | null;
  submit?: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface CallRecord {
  /** Web API method name, or 'response_url' for posts to a response_url. */
  method: string;
  args: JsonObject;
  /** ms since epoch, from the fake's clock, when the request arrived. */
  at: number;
  /** HTTP status sent back (0 if the client went away before the answer). */
  status: number;
  ok: boolean;
  error?: string;
  /** The JSON body sent back, when there was one. */
  response?: JsonObject;
  fault?: Fault;
}

/**
 * A failure the fake injects instead of answering normally.
 * - `{ status: 429, retryAfter }`: rate limited, with a Retry-After header (seconds).
 * - `{ status: 500 }` (any non-200): an HTTP error, the call has no effect.
 * - `{ error: 'ratelimited' }`: HTTP 200 with ok:false and that error code, no effect.
 * - `{ delayMs }`: answer late; combined with one of the above, fail late. The call is
 *   carried out after the delay, and not at all if the caller gave up meanwhile.
 */
export type Fault =
  | { status: number; retryAfter?: number; delayMs?: number }
  | { error: string; delayMs?: number }
  | { delayMs: number };

export interface InjectedFault {
  method: string;
  fault: Fault;
  at: number;
}
