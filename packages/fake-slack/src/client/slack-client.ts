// SlackClient: plays Slack towards the app. It signs requests to `/slack/events` exactly as Slack
// does and acts for a person in the fake Slack: types slash commands, clicks buttons found by
// their label, picks users, submits and closes modals, opens App Home, writes messages. What
// Slack does with the app's answers (a command's ack text, a modal's response_action) is applied
// to the fake, so tests then read the outcome there.

import type { FakeSlack, JsonObject, SlackUser } from '../server/index.ts';
import {
  type Found,
  findClickable,
  findControl,
  type Label,
  surfaces,
  type Where,
} from './find-element.ts';
import {
  actionFor,
  blockActionsPayload,
  commandForm,
  eventCallback,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.ts';
import { signedHeaders } from './signing.ts';
import { buildState, type FieldValue, type FieldValues } from './view-state.ts';

export type { Found, Label, Surface, Where } from './find-element.ts';
export { slackSignature } from './signing.ts';
export type { FieldValue, FieldValues } from './view-state.ts';

/** Bolt's only accepted form type: with a charset suffix it would treat the body as JSON. */
const FORM = 'application/x-www-form-urlencoded';

export interface SlackClientOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:<port>/slack/events`. */
  url: string;
  signingSecret: string;
  slack: FakeSlack;
  /** Bolt answers an un-acked request with 404 after ~3 s, so wait longer. Default 10 000 ms. */
  timeoutMs?: number;
}

export interface SlackResponse {
  status: number;
  /** Raw response body (Bolt sends plain text for `ack('text')`, JSON for objects). */
  body: string;
  /** The body parsed, when it is JSON. */
  json?: JsonObject;
}

export interface CommandResult extends SlackResponse {
  triggerId: string;
  responseUrl: string;
  /** Slack's objections to the ack body (e.g. invalid_blocks); [] when it was shown. */
  problems: string[];
}

export interface InteractionResult extends SlackResponse {
  triggerId: string;
  /** The payload that was sent, for assertions on what the app received. */
  payload: JsonObject;
}

export interface ViewSubmissionResult extends InteractionResult {
  responseAction?: string;
  /** Field errors from `response_action: errors`, keyed by block_id. */
  errors?: Record<string, string>;
  /** What Slack would object to in the answer; [] when it was applied to the fake. */
  problems: string[];
}

export interface ActOptions {
  user: string;
  /** Where the control is; default: every channel (threads included) and the person's ephemerals. */
  in?: Where;
  /** For controls in a modal: what the person has typed so far (goes into view.state). */
  values?: FieldValues;
}

export interface SendOptions {
  /** Unix seconds for X-Slack-Request-Timestamp; default now. */
  timestamp?: number;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
  headers?: Record<string, string>;
}

function parse(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

export class SlackClient {
  private readonly slack: FakeSlack;

  constructor(private readonly options: SlackClientOptions) {
    this.slack = options.slack;
  }

  /** Posts a signed body to the app, exactly as Slack would. */
  async send(body: string, contentType: string, opts: SendOptions = {}): Promise<SlackResponse> {
    const headers = signedHeaders(this.options.signingSecret, body, opts.timestamp);
    if (opts.signature !== undefined) headers['X-Slack-Signature'] = opts.signature;
    const res = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...headers, ...opts.headers },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    const json = parse(text);
    return json ? { status: res.status, body: text, json } : { status: res.status, body: text };
  }

  private sendPayload(payload: JsonObject): Promise<SlackResponse> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  }

  private person(id: string): SlackUser {
    const user = this.slack.user(id);
    if (!user) throw new Error(`fake Slack has no user ${id}; addUser() it first`);
    return user;
  }

  /**
   * Types a slash command, e.g. `command('/jobs assign J-12 me', { user, channel })`. Without a
   * channel it runs in the person's DM with the app. An ack body is shown like Slack shows it.
   */
  async command(
    line: string,
    opts: { user: string; channel?: string; teamId?: string },
  ): Promise<CommandResult> {
    const user = this.person(opts.user);
    const [command = '', ...rest] = line.trim().split(' ');
    const channel = opts.channel ?? this.slack.openDm(user.id);
    const channelName = this.slack.channelName(channel);
    if (channelName === undefined) throw new Error(`fake Slack has no channel ${channel}`);
    const triggerId = this.slack.mintTriggerId(user.id);
    const responseUrl = this.slack.mintResponseUrl({ user: user.id, channel });
    const form = commandForm(this.slack, {
      command,
      text: rest.join(' '),
      user,
      channel,
      channelName,
      teamId: opts.teamId ?? this.slack.teamId,
      triggerId,
      responseUrl,
    });
    const res = await this.send(form, FORM);
    const problems: string[] = [];
    if (res.status === 200 && res.body.trim() !== '') {
      const shown = this.slack.deliverAck(responseUrl, res.json ?? { text: res.body });
      if (!shown.ok) problems.push(shown.error ?? 'rejected');
    }
    return { ...res, triggerId, responseUrl, problems };
  }

  /** Clicks the button (or overflow menu option) with this label, newest message first. */
  async click(label: Label, opts: ActOptions): Promise<InteractionResult> {
    const list = surfaces(this.slack, opts.user, opts.in);
    const found = findClickable(list, label, opts.user);
    return this.act(found, actionFor(found), opts);
  }

  /**
   * Picks in a select, users/channels picker, date picker, radio or checkbox group, named by its
   * action_id, placeholder, input label or section text. `choice` is an option's value or label,
   * user id(s), or a date; an array for multi-selects.
   */
  async select(target: Label, choice: FieldValue, opts: ActOptions): Promise<InteractionResult> {
    const list = surfaces(this.slack, opts.user, opts.in);
    const found = findControl(list, target, opts.user);
    if (found.ref.block.type === 'input' && found.ref.block.dispatch_action !== true) {
      throw new Error(
        `Slack sends no block_actions for "${String(target)}": its input block has no dispatch_action; ` +
          'give its value to submitView instead',
      );
    }
    // The new choice is part of the view's state in the same payload, as in Slack.
    const { block, element } = found.ref;
    const values = {
      ...opts.values,
      [String(block.block_id)]: { [String(element.action_id)]: choice },
    };
    return this.act(found, actionFor(found, choice), { ...opts, values });
  }

  /**
   * Acts on an element already located (the sandbox page names it by block_id and action_id):
   * a button or overflow option, or a choice in a picker, sent as Slack's block_actions.
   */
  interact(found: Found, opts: ActOptions & { choice?: FieldValue }): Promise<InteractionResult> {
    const { choice, ...rest } = opts;
    if (choice === undefined) return this.act(found, actionFor(found), rest);
    // As in select(): the new choice is part of the state sent with it.
    const { block, element } = found.ref;
    const values = {
      ...rest.values,
      [String(block.block_id)]: { [String(element.action_id)]: choice },
    };
    return this.act(found, actionFor(found, choice), { ...rest, values });
  }

  private async act(
    found: Found,
    action: JsonObject,
    opts: ActOptions,
  ): Promise<InteractionResult> {
    const user = this.person(opts.user);
    const { surface } = found;
    const blocks = surface.kind === 'view' ? surface.view.blocks : (surface.message.blocks ?? []);
    const state = buildState(blocks, opts.values);
    const triggerId = this.slack.mintTriggerId(user.id);
    let responseUrl: string | undefined;
    let channelName: string | undefined;
    if (surface.kind !== 'view') {
      const channel = surface.kind === 'message' ? surface.channel : surface.message.channel;
      channelName = this.slack.channelName(channel);
      const origin =
        surface.kind === 'message'
          ? { kind: 'message' as const, channel, ts: surface.message.ts }
          : { kind: 'ephemeral' as const, user: user.id, ts: surface.message.ts };
      // Answers to a click in a thread stay in the thread; a thread's root (whose thread_ts is
      // its own ts once it has replies) answers in the channel, as in Slack.
      const { ts, thread_ts: threadTs } = surface.message;
      responseUrl = this.slack.mintResponseUrl({
        user: user.id,
        channel,
        ...(threadTs && threadTs !== ts ? { threadTs } : {}),
        origin,
      });
    }
    const payload = blockActionsPayload(this.slack, {
      user,
      found,
      action,
      state,
      triggerId,
      responseUrl,
      channelName,
    });
    const res = await this.sendPayload(payload);
    return { ...res, triggerId, payload };
  }

  /**
   * Submits the person's top modal (or `viewId`) with `values` filled in; untouched fields keep
   * their initial values. Throws if Slack would refuse to submit (e.g. a required field empty).
   */
  async submitView(opts: {
    user: string;
    values?: FieldValues;
    viewId?: string;
  }): Promise<ViewSubmissionResult> {
    const user = this.person(opts.user);
    const view = opts.viewId ? this.slack.findView(opts.viewId) : this.slack.openView(user.id);
    if (!view) throw new Error(`${user.id} has no open modal to submit`);
    const state = buildState(view.blocks, opts.values);
    if (state.problems.length) {
      throw new Error(`Slack would not submit "${view.callback_id}": ${state.problems.join('; ')}`);
    }
    const triggerId = this.slack.mintTriggerId(user.id);
    const payload = viewSubmissionPayload(this.slack, user, view, state, triggerId);
    const res = await this.sendPayload(payload);
    if (res.status !== 200) {
      return { ...res, triggerId, payload, problems: [`the app answered HTTP ${res.status}`] };
    }
    const answer = res.body.trim() === '' ? undefined : res.json;
    if (res.body.trim() !== '' && !answer) {
      return { ...res, triggerId, payload, problems: ['the ack body is not a JSON object'] };
    }
    const problems = this.slack.applyViewSubmission(user.id, view.id, answer);
    const responseAction =
      typeof answer?.response_action === 'string' ? answer.response_action : undefined;
    const errors =
      answer?.response_action === 'errors' ? (answer.errors as Record<string, string>) : undefined;
    return {
      ...res,
      triggerId,
      payload,
      problems,
      ...(responseAction ? { responseAction } : {}),
      ...(errors ? { errors } : {}),
    };
  }

  /**
   * The person dismisses the top modal. Slack tells the app (view_closed) only when the view was
   * opened with notify_on_close; otherwise this resolves to undefined.
   */
  async closeView(opts: { user: string }): Promise<SlackResponse | undefined> {
    const user = this.person(opts.user);
    const view = this.slack.openView(user.id);
    if (!view) throw new Error(`${user.id} has no open modal to close`);
    const clearAll = view.clear_on_close;
    this.slack.closeView(user.id, clearAll);
    if (!view.notify_on_close) return undefined;
    return this.sendPayload(viewClosedPayload(this.slack, user, view, clearAll));
  }

  /** Sends any Events API event (wrapped in event_callback, JSON body). */
  event(
    event: JsonObject,
    opts: { retryNum?: number; retryReason?: string } = {},
  ): Promise<SlackResponse> {
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = opts.retryReason;
    return this.send(JSON.stringify(eventCallback(this.slack, event)), 'application/json', {
      headers,
    });
  }

  /** The person opens the app's Home (or Messages) tab. */
  appHomeOpened(userId: string, tab: 'home' | 'messages' = 'home'): Promise<SlackResponse> {
    this.person(userId);
    const channel = this.slack.openDm(userId);
    const home = tab === 'home' ? this.slack.home(userId) : undefined;
    return this.event({
      type: 'app_home_opened',
      user: userId,
      channel,
      tab,
      ...(home ? { view: home } : {}),
    });
  }

  /** The person writes in a channel, DM or thread; the message is stored in the fake, then the event sent. */
  async message(opts: {
    user: string;
    channel: string;
    text: string;
    threadTs?: string;
  }): Promise<SlackResponse & { ts: string }> {
    const user = this.person(opts.user);
    const stored = this.slack.postAsUser(opts.channel, user.id, opts.text, opts.threadTs);
    const channelType = stored.channel.startsWith('D')
      ? 'im'
      : stored.channel.startsWith('G')
        ? 'group'
        : 'channel';
    const res = await this.event({
      type: 'message',
      channel: stored.channel,
      user: user.id,
      text: opts.text,
      ts: stored.ts,
      team: user.team_id,
      channel_type: channelType,
      ...(stored.thread_ts ? { thread_ts: stored.thread_ts } : {}),
      event_ts: stored.ts,
    });
    return { ...res, ts: stored.ts };
  }
}
