import type { PostedMessage, SlackApi } from './slack-api.ts';

/** How long a look-up waits for other rows of the same channel to join it before it goes. */
const GATHER_MS = 200;
/** How long an answer serves rows that ask after it came (others of the same crash). */
const FRESH_MS = 3000;

interface Lookup {
  oldest: number;
  /** Set once the call went: later rows asking from further back need one of their own. */
  sent: boolean;
  startedAt: number;
  answer: Promise<PostedMessage[]>;
}

/**
 * Finds the posts that a process which died mid-delivery made before it could store Slack's
 * answer: chat.postMessage has no idempotency key, so a retried delivery first looks for a
 * message carrying its metadata. conversations.history is Tier 1 (1 call a minute) for new
 * commercially distributed apps outside the Marketplace, so the rows of one crash share one
 * call per channel (or thread): the first asks, the rest join within GATHER_MS, and an answer
 * serves the rows that come after it for FRESH_MS. Per process: a crash is met by whichever
 * replica claims the rows, and each replica that does asks once.
 */
export class PostedLookup {
  private readonly lookups = new Map<string, Lookup>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The ts of the message in `channel` (or its thread) whose metadata names `ref`, if any. */
  async find(
    api: SlackApi,
    channel: string,
    ref: string,
    oldest: Date,
    threadTs?: string,
  ): Promise<string | undefined> {
    const found = await this.messages(api, channel, oldest.getTime(), threadTs);
    return found.find((m) => m.metadata?.event_payload.ref === ref)?.ts;
  }

  private messages(
    api: SlackApi,
    channel: string,
    oldest: number,
    threadTs: string | undefined,
  ): Promise<PostedMessage[]> {
    const key = `${channel}:${threadTs ?? ''}`;
    const now = this.now();
    const current = this.lookups.get(key);
    if (current && (!current.sent || current.oldest <= oldest)) {
      if (!current.sent) {
        current.oldest = Math.min(current.oldest, oldest);
        return current.answer;
      }
      if (now - current.startedAt <= FRESH_MS) return current.answer;
    }
    const lookup: Lookup = { oldest, sent: false, startedAt: now, answer: Promise.resolve([]) };
    lookup.answer = new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS)).then(() => {
      lookup.sent = true;
      lookup.startedAt = this.now();
      return api.findPosted(channel, new Date(lookup.oldest), threadTs);
    });
    // A failed look-up (a 429, Slack away) is not kept: the rows retry and ask again.
    lookup.answer.catch(() => {
      if (this.lookups.get(key) === lookup) this.lookups.delete(key);
    });
    this.lookups.set(key, lookup);
    if (this.lookups.size > 1000) this.prune(now);
    return lookup.answer;
  }

  private prune(now: number): void {
    for (const [key, lookup] of this.lookups) {
      if (lookup.sent && now - lookup.startedAt > FRESH_MS) this.lookups.delete(key);
    }
  }
}
