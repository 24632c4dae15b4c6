// chat.* methods: messages the app posts, edits and deletes, as Slack validates them.

import { validateMessage } from '../block-kit-limits.ts';
import { withGeneratedIds } from '../block-walk.ts';
import type { JsonObject } from '../types.ts';
import type { Channel } from '../workspace.ts';
import {
  type ApiContext,
  type ApiResult,
  copy,
  fail,
  failWith,
  flag,
  type Handler,
  isApiResult,
  ok,
  str,
} from './result.ts';

function channelOf({ ws }: ApiContext, args: JsonObject): Channel | ApiResult {
  const id = str(args.channel);
  const channel = id ? ws.resolveChannel(id) : undefined;
  return channel ?? fail('channel_not_found');
}

/** Posting needs the bot in an unarchived channel; DMs are always writable. */
function writableChannelOf(ctx: ApiContext, args: JsonObject): Channel | ApiResult {
  const channel = channelOf(ctx, args);
  if (isApiResult(channel)) return channel;
  if (channel.isArchived) return fail('is_archived');
  if (!channel.isMember) return fail('not_in_channel');
  return channel;
}

function blocksOf(ctx: ApiContext, args: JsonObject): JsonObject[] | undefined {
  return args.blocks === undefined
    ? undefined
    : withGeneratedIds(args.blocks, (p) => ctx.ws.nextId(p));
}

function attachmentsOf(args: JsonObject): JsonObject[] | undefined {
  return Array.isArray(args.attachments) ? (args.attachments as JsonObject[]) : undefined;
}

const postMessage: Handler = (ctx, args) => {
  const channel = writableChannelOf(ctx, args);
  if (isApiResult(channel)) return channel;
  const violations = validateMessage(args);
  if (violations.length) return failWith(violations);
  let threadTs: string | undefined;
  const requestedThread = str(args.thread_ts);
  if (requestedThread) {
    const parent = ctx.ws.findMessage(channel, requestedThread);
    // Stricter than Slack, which accepts any thread_ts: a reply to nothing is an app bug.
    if (!parent)
      return fail('thread_not_found', [`[ERROR] no message ${requestedThread} in ${channel.id}`]);
    threadTs = parent.thread_ts ?? parent.ts;
  }
  const message = ctx.ws.postMessage(channel, {
    user: ctx.ws.identity.botUserId,
    text: typeof args.text === 'string' ? args.text : '',
    blocks: blocksOf(ctx, args),
    attachments: attachmentsOf(args),
    metadata: typeof args.metadata === 'object' ? (args.metadata as JsonObject) : undefined,
    threadTs,
    replyBroadcast: flag(args.reply_broadcast),
    fromBot: true,
  });
  return ok({ channel: channel.id, ts: message.ts, message: copy(message) });
};

const update: Handler = (ctx, args) => {
  const channel = channelOf(ctx, args);
  if (isApiResult(channel)) return channel;
  const message = ctx.ws.findMessage(channel, String(args.ts ?? ''));
  if (!message) return fail('message_not_found');
  if (message.user !== ctx.ws.identity.botUserId) return fail('cant_update_message');
  if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) {
    return fail('no_text');
  }
  const violations = validateMessage(args, { requireContent: false });
  if (violations.length) return failWith(violations);
  // Like Slack: fields left out keep their old value; an empty blocks array removes the blocks.
  if (typeof args.text === 'string') message.text = args.text;
  const blocks = blocksOf(ctx, args);
  if (blocks) message.blocks = blocks;
  const attachments = attachmentsOf(args);
  if (attachments) message.attachments = attachments;
  message.edited = { user: ctx.ws.identity.botUserId, ts: ctx.ws.nextTs() };
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: copy(message) });
};

const remove: Handler = (ctx, args) => {
  const channel = channelOf(ctx, args);
  if (isApiResult(channel)) return channel;
  const message = ctx.ws.findMessage(channel, String(args.ts ?? ''));
  if (!message) return fail('message_not_found');
  if (message.user !== ctx.ws.identity.botUserId) return fail('cant_delete_message');
  ctx.ws.deleteMessage(channel, message.ts);
  return ok({ channel: channel.id, ts: message.ts });
};

const postEphemeral: Handler = (ctx, args) => {
  const channel = writableChannelOf(ctx, args);
  if (isApiResult(channel)) return channel;
  const user = str(args.user);
  if (!user || !ctx.ws.users.has(user)) return fail('user_not_in_channel');
  const violations = validateMessage(args);
  if (violations.length) return failWith(violations);
  const blocks = blocksOf(ctx, args);
  const threadTs = str(args.thread_ts);
  const message = ctx.ws.addEphemeral({
    channel: channel.id,
    user,
    text: typeof args.text === 'string' ? args.text : '',
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    source: 'chat.postEphemeral',
  });
  return ok({ message_ts: message.ts });
};

const getPermalink: Handler = (ctx, args) => {
  const channel = channelOf(ctx, args);
  if (isApiResult(channel)) return channel;
  const message = ctx.ws.findMessage(channel, String(args.message_ts ?? ''));
  if (!message) return fail('message_not_found');
  const base = `https://${ctx.ws.identity.teamDomain}.slack.com/archives/${channel.id}`;
  const link = `${base}/p${message.ts.replace('.', '')}`;
  const inThread = message.thread_ts && message.thread_ts !== message.ts;
  const permalink = inThread ? `${link}?thread_ts=${message.thread_ts}&cid=${channel.id}` : link;
  return ok({ channel: channel.id, permalink });
};

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
