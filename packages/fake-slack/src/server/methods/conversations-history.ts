// conversations.history and conversations.replies: what a channel or a thread holds, the way
// Slack pages it (newest first for history, oldest first for replies; `oldest`/`latest` are
// exclusive unless `inclusive`), with message metadata only when `include_all_metadata` asks.
// jobdesk reads them to find a post that reached Slack from a process that died before it
// stored the answer (see src/delivery/posted-lookup.ts).

import type { JsonObject, SlackMessage } from '../types.ts';
import { copy, fail, flag, type Handler, ok, str } from './result.ts';

/** Slack's default page, and its ceiling for these methods. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

function page(messages: SlackMessage[], args: JsonObject, newestFirst: boolean) {
  const oldest = Number(str(args.oldest) ?? '0');
  const latest = str(args.latest) === undefined ? Number.POSITIVE_INFINITY : Number(args.latest);
  const inclusive = flag(args.inclusive);
  const within = messages.filter((m) => {
    const ts = Number(m.ts);
    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  });
  const ordered = newestFirst ? within.reverse() : within;
  // The cursor is where the previous page stopped, as an index into this same selection.
  const from = Number(Buffer.from(str(args.cursor) ?? '', 'base64').toString() || '0');
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(args.limit ?? DEFAULT_LIMIT) || 1));
  const slice = ordered.slice(from, from + limit);
  const withMetadata = flag(args.include_all_metadata);
  const hasMore = from + limit < ordered.length;
  return ok({
    messages: slice.map((m) => {
      const { metadata, ...rest } = copy(m);
      return withMetadata && metadata ? { ...rest, metadata } : rest;
    }),
    has_more: hasMore,
    ...(hasMore
      ? {
          response_metadata: {
            next_cursor: Buffer.from(String(from + limit)).toString('base64'),
          },
        }
      : {}),
  });
}

const history: Handler = ({ ws }, args) => {
  const channel = ws.resolveChannel(str(args.channel) ?? '');
  if (!channel || channel.id !== args.channel) return fail('channel_not_found');
  if (!channel.isMember && !channel.isIm) return fail('not_in_channel');
  return page([...channel.top], args, true);
};

const replies: Handler = ({ ws }, args) => {
  const channel = ws.resolveChannel(str(args.channel) ?? '');
  if (!channel || channel.id !== args.channel) return fail('channel_not_found');
  const root = ws.findMessage(channel, str(args.ts) ?? '');
  if (!root) return fail('thread_not_found');
  const rootTs = root.thread_ts ?? root.ts;
  const thread = channel.byTs.get(rootTs) ?? root;
  return page([thread, ...(channel.threads.get(rootTs) ?? [])], args, false);
};

export const conversationsHistoryMethods: Record<string, Handler> = {
  'conversations.history': history,
  'conversations.replies': replies,
};
