// Read-only views of a conversation, for assertions: what a person scrolling the channel sees.

import { visibleText } from './block-text.ts';
import type { SlackMessage } from './types.ts';
import type { Channel } from './workspace.ts';

export type MessageMatch = string | RegExp | ((m: SlackMessage) => boolean);

function matches(m: SlackMessage, match: MessageMatch): boolean {
  if (typeof match === 'function') return match(m);
  const text = `${visibleText(m)}\n${m.text}`;
  return typeof match === 'string' ? text.includes(match) : match.test(text);
}

export class ChannelReader {
  constructor(
    readonly id: string,
    private readonly channel: Channel | undefined,
  ) {}

  /** Top-level messages, oldest first (newest last), thread broadcasts included. */
  messages(): SlackMessage[] {
    return structuredClone(this.channel?.top ?? []);
  }

  /** Replies in the thread under `ts`, oldest first; the root itself is `message(ts)`. */
  thread(ts: string): SlackMessage[] {
    return structuredClone(this.channel?.threads.get(ts) ?? []);
  }

  message(ts: string): SlackMessage | undefined {
    const m = this.channel?.byTs.get(ts);
    return m ? structuredClone(m) : undefined;
  }

  latest(): SlackMessage | undefined {
    return this.messages().at(-1);
  }

  /** Newest top-level message whose visible text contains / matches, or that passes the predicate. */
  find(match: MessageMatch): SlackMessage | undefined {
    return this.messages()
      .reverse()
      .find((m) => matches(m, match));
  }
}
