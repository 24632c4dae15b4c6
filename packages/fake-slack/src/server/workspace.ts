// The workspace the fake Slack simulates: who exists, which conversations exist, and what was
// said in them. No HTTP and no validation here: API handlers check arguments, this stores facts.

import type {
  ChannelInit,
  EphemeralMessage,
  JsonObject,
  SlackMessage,
  SlackUser,
  UserInit,
} from './types.ts';

export interface Identity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  botToken: string;
}

export interface Channel {
  id: string;
  name: string;
  isIm: boolean;
  /** For a DM: the person the app talks to. */
  imUser?: string;
  isMember: boolean;
  isArchived: boolean;
  /** Top-level messages, oldest first (thread broadcasts included). */
  top: SlackMessage[];
  /** Replies per thread root ts, oldest first. */
  threads: Map<string, SlackMessage[]>;
  byTs: Map<string, SlackMessage>;
}

export interface NewMessage {
  user: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: JsonObject;
  /** Root ts of the thread to reply in. */
  threadTs?: string;
  replyBroadcast?: boolean;
  fromBot: boolean;
}

/** What a workspace said, as JSON: enough to bring its conversations back after a restart. */
export interface WorkspaceSnapshot {
  channels: {
    id: string;
    name: string;
    isIm: boolean;
    imUser?: string;
    isMember: boolean;
    isArchived: boolean;
    /** Every message, roots and replies, oldest first. */
    messages: SlackMessage[];
  }[];
  lastMicros: number;
  idCounter: number;
}

export class Workspace {
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, Channel>();
  readonly ephemerals = new Map<string, EphemeralMessage[]>();
  private lastMicros = 0;
  private idCounter = 0;

  constructor(
    readonly identity: Identity,
    readonly now: () => number,
  ) {
    this.addUser({ id: identity.botUserId, name: 'jobdesk', is_bot: true });
  }

  /** Message timestamps are unique and increasing, like Slack's "seconds.micros". */
  /** The newest ts handed out so far ("0.000000" before any): what came later is newer. */
  latestTs(): string {
    const micros = this.lastMicros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1e6);
    return `${seconds}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  /** Short ids for generated block_id/action_id/view ids; deterministic within one fake. */
  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${this.idCounter.toString(36).toUpperCase().padStart(6, '0')}`;
  }

  addUser(init: UserInit): SlackUser {
    const name = init.name ?? init.id.toLowerCase();
    const realName = init.real_name ?? name;
    const user: SlackUser = {
      id: init.id,
      team_id: init.team_id ?? this.identity.teamId,
      name,
      real_name: realName,
      deleted: init.deleted ?? false,
      is_bot: init.is_bot ?? false,
      is_app_user: false,
      is_admin: init.is_admin ?? false,
      is_owner: init.is_owner ?? false,
      is_restricted: init.is_restricted ?? false,
      is_ultra_restricted: init.is_ultra_restricted ?? false,
      tz: init.tz ?? 'Europe/Stockholm',
      tz_offset: 3600,
      profile: {
        real_name: realName,
        display_name: name,
        ...(init.email ? { email: init.email } : {}),
      },
    };
    this.users.set(user.id, user);
    return user;
  }

  addChannel(init: ChannelInit): Channel {
    const channel: Channel = {
      id: init.id,
      name: init.name ?? init.id.toLowerCase(),
      isIm: false,
      isMember: init.isMember ?? true,
      isArchived: init.isArchived ?? false,
      top: [],
      threads: new Map(),
      byTs: new Map(),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  dmOf(userId: string): Channel | undefined {
    for (const c of this.channels.values()) if (c.isIm && c.imUser === userId) return c;
    return undefined;
  }

  /** The app's DM with a person (its "Messages" tab), created on first use like conversations.open. */
  openDm(userId: string): Channel {
    const existing = this.dmOf(userId);
    if (existing) return existing;
    const channel = this.addChannel({ id: `D${userId}`, name: 'directmessage' });
    channel.isIm = true;
    channel.imUser = userId;
    return channel;
  }

  /** Slack accepts a user id as `channel` for chat.postMessage and posts to the app's DM. */
  resolveChannel(idOrUser: string): Channel | undefined {
    const channel = this.channels.get(idOrUser);
    if (channel) return channel;
    return this.users.has(idOrUser) && /^[UW]/.test(idOrUser) ? this.openDm(idOrUser) : undefined;
  }

  findMessage(channel: Channel, ts: string): SlackMessage | undefined {
    return channel.byTs.get(ts);
  }

  postMessage(channel: Channel, m: NewMessage): SlackMessage {
    const { identity } = this;
    const message: SlackMessage = {
      type: 'message',
      channel: channel.id,
      ts: this.nextTs(),
      user: m.user,
      ...(m.fromBot ? { bot_id: identity.botId, app_id: identity.appId } : {}),
      team: this.users.get(m.user)?.team_id ?? identity.teamId,
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
    };
    channel.byTs.set(message.ts, message);
    if (m.threadTs === undefined) {
      channel.top.push(message);
      return message;
    }
    message.thread_ts = m.threadTs;
    const root = channel.byTs.get(m.threadTs);
    const replies = channel.threads.get(m.threadTs) ?? [];
    replies.push(message);
    channel.threads.set(m.threadTs, replies);
    if (root) {
      root.thread_ts = root.ts;
      root.reply_count = replies.length;
      root.latest_reply = message.ts;
      root.reply_users = [...new Set([...(root.reply_users ?? []), m.user])];
    }
    if (m.replyBroadcast) {
      message.subtype = 'thread_broadcast';
      channel.top.push(message);
    }
    return message;
  }

  deleteMessage(channel: Channel, ts: string): void {
    const message = channel.byTs.get(ts);
    if (!message) return;
    channel.byTs.delete(ts);
    channel.top = channel.top.filter((m) => m.ts !== ts);
    if (message.thread_ts && message.thread_ts !== ts) {
      const replies = (channel.threads.get(message.thread_ts) ?? []).filter((m) => m.ts !== ts);
      channel.threads.set(message.thread_ts, replies);
      const root = channel.byTs.get(message.thread_ts);
      if (root) root.reply_count = replies.length;
    }
  }

  addEphemeral(e: Omit<EphemeralMessage, 'ts'>): EphemeralMessage {
    const message: EphemeralMessage = { ...e, ts: this.nextTs() };
    const list = this.ephemerals.get(e.user) ?? [];
    list.push(message);
    this.ephemerals.set(e.user, list);
    return message;
  }

  findEphemeral(userId: string, ts: string): EphemeralMessage | undefined {
    return this.ephemerals.get(userId)?.find((e) => e.ts === ts);
  }

  removeEphemeral(userId: string, ts: string): void {
    const list = this.ephemerals.get(userId) ?? [];
    this.ephemerals.set(
      userId,
      list.filter((e) => e.ts !== ts),
    );
  }

  snapshot(): WorkspaceSnapshot {
    return structuredClone({
      channels: [...this.channels.values()].map((c) => ({
        id: c.id,
        name: c.name,
        isIm: c.isIm,
        ...(c.imUser ? { imUser: c.imUser } : {}),
        isMember: c.isMember,
        isArchived: c.isArchived,
        messages: [...c.byTs.values()].sort((a, b) => Number(a.ts) - Number(b.ts)),
      })),
      lastMicros: this.lastMicros,
      idCounter: this.idCounter,
    });
  }

  /** Brings back the conversations of a snapshot; users are not part of it. */
  restore(snapshot: WorkspaceSnapshot): void {
    for (const saved of structuredClone(snapshot.channels)) {
      const channel = this.channels.get(saved.id) ?? this.addChannel({ id: saved.id });
      Object.assign(channel, {
        name: saved.name,
        isIm: saved.isIm,
        imUser: saved.imUser,
        isMember: saved.isMember,
        isArchived: saved.isArchived,
        top: [],
        threads: new Map(),
        byTs: new Map(),
      });
      for (const message of saved.messages) {
        channel.byTs.set(message.ts, message);
        const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
        if (isReply) {
          const replies = channel.threads.get(message.thread_ts as string) ?? [];
          replies.push(message);
          channel.threads.set(message.thread_ts as string, replies);
        }
        if (!isReply || message.subtype === 'thread_broadcast') channel.top.push(message);
      }
    }
    this.lastMicros = Math.max(this.lastMicros, snapshot.lastMicros);
    this.idCounter = Math.max(this.idCounter, snapshot.idCounter);
  }

  /** Forget conversations and messages; users and (emptied) channels stay registered. */
  reset(): void {
    this.ephemerals.clear();
    for (const [id, c] of this.channels) {
      if (c.isIm) this.channels.delete(id);
      else {
        c.top = [];
        c.threads = new Map();
        c.byTs = new Map();
      }
    }
  }
}
