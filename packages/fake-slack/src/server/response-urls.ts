// response_url semantics: replies to a slash command or an interaction, shown to the person
// (ephemeral, the default) or the channel (in_channel), or replacing / deleting the message the
// interaction came from. A command's ack body is delivered the same way.

import { validateMessage } from './block-kit-limits.ts';
import { withGeneratedIds } from './block-walk.ts';
import { type ApiResult, fail, failWith, flag, ok, str } from './methods/result.ts';
import type { EphemeralSource, JsonObject } from './types.ts';
import type { Workspace } from './workspace.ts';

/** The message an interaction came from, which replace_original / delete_original act on. */
export type MessageRef =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'ephemeral'; user: string; ts: string };

export interface ResponseContext {
  user: string;
  channel: string;
  threadTs?: string;
  origin?: MessageRef;
}

interface Entry extends ResponseContext {
  /** What this URL last posted; a command has no origin, so replace_original targets this. */
  lastPosted?: MessageRef;
}

export interface ResponseOutcome {
  status: number;
  result: ApiResult;
}

export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ws: Workspace) {}

  /** Registers a context and returns the id the URL path ends with. */
  mint(context: ResponseContext): string {
    const id = `${this.ws.nextId('R')}${Math.random().toString(16).slice(2, 10)}`;
    this.entries.set(id, { ...context });
    return id;
  }

  deliver(id: string, body: JsonObject, source: EphemeralSource): ResponseOutcome {
    const entry = this.entries.get(id);
    if (!entry) return { status: 404, result: fail('expired_url') };
    const target = entry.origin ?? entry.lastPosted;
    if (flag(body.delete_original)) {
      if (target) this.remove(target);
      return { status: 200, result: ok() };
    }
    const violations = validateMessage(body);
    if (violations.length) return { status: 400, result: failWith(violations) };
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks =
      body.blocks === undefined
        ? undefined
        : withGeneratedIds(body.blocks, (p) => this.ws.nextId(p));
    if (flag(body.replace_original) && target && this.replace(target, text, blocks)) {
      return { status: 200, result: ok() };
    }
    const threadTs = str(body.thread_ts) ?? entry.threadTs;
    if (body.response_type === 'in_channel') {
      const channel = this.ws.resolveChannel(entry.channel);
      if (!channel) return { status: 404, result: fail('channel_not_found') };
      const message = this.ws.postMessage(channel, {
        user: this.ws.identity.botUserId,
        text,
        blocks,
        threadTs,
        fromBot: true,
      });
      entry.lastPosted = { kind: 'message', channel: channel.id, ts: message.ts };
      return { status: 200, result: ok() };
    }
    const ephemeral = this.ws.addEphemeral({
      channel: entry.channel,
      user: entry.user,
      text,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      source,
    });
    entry.lastPosted = { kind: 'ephemeral', user: entry.user, ts: ephemeral.ts };
    return { status: 200, result: ok() };
  }

  private remove(ref: MessageRef): void {
    if (ref.kind === 'ephemeral') {
      this.ws.removeEphemeral(ref.user, ref.ts);
      return;
    }
    const channel = this.ws.channels.get(ref.channel);
    if (channel) this.ws.deleteMessage(channel, ref.ts);
  }

  /** A replacement is a whole new message: text and blocks both change. */
  private replace(ref: MessageRef, text: string, blocks: JsonObject[] | undefined): boolean {
    const target =
      ref.kind === 'ephemeral'
        ? this.ws.findEphemeral(ref.user, ref.ts)
        : this.ws.channels.get(ref.channel)?.byTs.get(ref.ts);
    if (!target) return false;
    target.text = text;
    if (blocks) target.blocks = blocks;
    else delete target.blocks;
    return true;
  }

  reset(): void {
    this.entries.clear();
  }
}
