import { DeliveryDeferred, DeliveryError } from './outcome.ts';
import type { ChannelPacer } from './pacer.ts';
import type { SlackApi } from './slack-api.ts';

/** A wait up to this long is spent inline; a longer one puts the row back until its slot. */
export const MAX_INLINE_WAIT_MS = 1000;

export const channelKey = (channel: string) => `channel:${channel}`;

// The global timer rather than timers/promises: the worker's property test runs on fake timers.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const methodKey = (method: string) => `method:${method}`;

/**
 * The Slack API as one outbox row uses it: each post takes its channel's next slot (Slack's one
 * message per second per channel), and a 429 pauses what it limits — the channel for posts,
 * the method for the others (Slack limits those per workspace) — for its Retry-After.
 */
export function pacedSlack(slack: SlackApi, pacer: ChannelPacer, holder: string): SlackApi {
  async function waitFor(key: string, wait: number): Promise<void> {
    // The row comes back an inline wait ahead of its slot, and sleeps to it: a worker that finds
    // it a little late (between polls, busy with other rows) still sends it on time.
    if (wait > MAX_INLINE_WAIT_MS) {
      // Whole milliseconds, rounded up: slots are fractional (1000 / 0.95 ms apart), and a row put
      // back 0.4 ms ahead would be stored as due now and claimed, put back, claimed… at once.
      throw new DeliveryDeferred(Math.ceil(wait - MAX_INLINE_WAIT_MS), `${key} is paced`);
    }
    if (wait > 0) await sleep(wait);
  }

  async function limited<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DeliveryError && error.retryAfterMs !== undefined) {
        // Without the database the pause is not shared, but this row still waits it out (the
        // worker puts it back for its Retry-After), and Slack's error is what the row reports.
        await Promise.resolve(pacer.pause(key, error.retryAfterMs)).catch(() => {});
      }
      throw error;
    }
  }

  return {
    ...slack,
    async post(channel, message, threadTs, options) {
      const key = channelKey(channel);
      await waitFor(key, await pacer.take(key, holder, MAX_INLINE_WAIT_MS));
      const behindLate = (await pacer.sending?.(key)) ?? 0;
      if (behindLate > 0) await sleep(behindLate);
      try {
        return await limited(key, () => slack.post(channel, message, threadTs, options));
      } finally {
        // Not recorded when the database is away: the send-time accounting still spaces them.
        await Promise.resolve(pacer.sent?.(key)).catch(() => {});
      }
    },
    async findPosted(channel, oldest, threadTs) {
      const key = methodKey(threadTs ? 'conversations.replies' : 'conversations.history');
      await waitFor(key, await pacer.pausedFor(key));
      return limited(key, () => slack.findPosted(channel, oldest, threadTs));
    },
    async update(channel, ts, message) {
      const key = methodKey('chat.update');
      await waitFor(key, await pacer.pausedFor(key));
      return limited(key, () => slack.update(channel, ts, message));
    },
    async openDm(userId) {
      const key = methodKey('conversations.open');
      await waitFor(key, await pacer.pausedFor(key));
      return limited(key, () => slack.openDm(userId));
    },
    async publishHome(userId, view) {
      const key = methodKey('views.publish');
      await waitFor(key, await pacer.pausedFor(key));
      return limited(key, () => slack.publishHome(userId, view));
    },
  };
}
