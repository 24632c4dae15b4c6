// FakeSlack: a Slack workspace on a local port. Point the app's Web API client at `apiUrl`, then
// read channels, DMs, ephemerals, modals and App Home as a person would, inject failures, and
// wait for the app's asynchronous posts. The test client (../slack-client.ts) uses the
// "harness side" methods to mint trigger_ids and response_urls and to apply modal answers.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type Probe, type WaitOptions } from './call-log.ts';
import { FaultPlan } from './faults.ts';
import { ChannelRateLimit, type ChannelRateLimitOptions } from './rate-limit.ts';
import { ChannelReader } from './readers.ts';
import { type ResponseContext, ResponseUrls } from './response-urls.ts';
import { createSlackHandler, createSlackServer, type SlackRequestHandler } from './transport.ts';
import type {
  CallRecord,
  ChannelInit,
  EphemeralMessage,
  FakeSlackOptions,
  Fault,
  InjectedFault,
  JsonObject,
  SlackMessage,
  SlackUser,
  SlackView,
  UserInit,
} from './types.ts';
import { ViewRegistry } from './view-registry.ts';
import { applyViewSubmissionResponse } from './view-responses.ts';
import { type Identity, Workspace, type WorkspaceSnapshot } from './workspace.ts';

export class FakeSlack {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly botToken: string;

  private readonly ws: Workspace;
  private readonly views: ViewRegistry;
  private readonly responses: ResponseUrls;
  private readonly faults = new FaultPlan();
  private readonly log = new CallLog();
  private rateLimit: ChannelRateLimit | undefined;
  private server: Server | undefined;
  private port = 0;
  /** Set when the fake is served as routes of another server (the sandbox). */
  private mountedAt: string | undefined;

  /** Creates and starts a fake on a free port. */
  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const slack = new FakeSlack(options);
    await slack.start();
    return slack;
  }

  constructor(options: FakeSlackOptions = {}) {
    const identity: Identity = {
      teamId: options.teamId ?? 'T_TEAM',
      teamDomain: options.teamDomain ?? 'jobdesk-test',
      botUserId: options.botUserId ?? 'U_BOT',
      botId: options.botId ?? 'B_BOT',
      appId: options.appId ?? 'A_APP',
      botToken: options.botToken ?? 'xoxb-test',
    };
    ({
      teamId: this.teamId,
      teamDomain: this.teamDomain,
      botUserId: this.botUserId,
      botId: this.botId,
      appId: this.appId,
      botToken: this.botToken,
    } = identity);
    this.ws = new Workspace(identity, options.now ?? Date.now);
    this.views = new ViewRegistry(this.ws, options.triggerTtlMs ?? 3000);
    this.responses = new ResponseUrls(this.ws);
    for (const channel of options.channels ?? []) this.ws.addChannel(channel);
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────

  private transport() {
    return {
      ctx: { ws: this.ws, views: this.views },
      responses: this.responses,
      faults: this.faults,
      log: this.log,
      rateLimit: () => this.rateLimit,
    };
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createSlackServer(this.transport());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Keep-alive sockets from the app's fetch would otherwise hold close() open.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Serves the fake under `baseUrl` (e.g. `http://127.0.0.1:3000/sandbox`) on a server someone
   * else runs: the returned handler takes `<path>/api/<method>` and `<path>/response/<id>`.
   */
  mount(baseUrl: string): SlackRequestHandler {
    this.mountedAt = baseUrl.replace(/\/+$/, '');
    return createSlackHandler(this.transport(), new URL(this.mountedAt).pathname);
  }

  /** `http://127.0.0.1:<port>`, or where the fake is mounted. */
  get baseUrl(): string {
    if (this.mountedAt) return this.mountedAt;
    if (!this.server) throw new Error('fake Slack: start() it first');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as Bolt's `clientOptions.slackApiUrl` (SLACK_API_URL); ends with `/api/`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** Forgets messages, views, calls, faults, triggers and response_urls; keeps users and channels. */
  reset(): void {
    this.ws.reset();
    this.views.reset();
    this.responses.reset();
    this.faults.clear();
    this.faults.injected.length = 0;
    this.rateLimit?.reset();
    this.log.clear();
  }

  /** The workspace's conversations as JSON, to keep across restarts (users are not included). */
  snapshot(): WorkspaceSnapshot {
    return this.ws.snapshot();
  }

  restore(snapshot: WorkspaceSnapshot): void {
    this.ws.restore(snapshot);
    this.log.notify();
  }

  // ── setup ──────────────────────────────────────────────────────────────────────────────────

  addUser(init: UserInit): SlackUser {
    return structuredClone(this.ws.addUser(init));
  }

  addChannel(init: ChannelInit): ChannelReader {
    this.ws.addChannel(init);
    return this.channel(init.id);
  }

  // ── reading, as a person would ─────────────────────────────────────────────────────────────

  user(id: string): SlackUser | undefined {
    const user = this.ws.users.get(id);
    return user ? structuredClone(user) : undefined;
  }

  /** A channel or DM by id; throws for an id the fake does not know (likely a typo). */
  channel(id: string): ChannelReader {
    const channel = this.ws.channels.get(id);
    if (!channel) throw new Error(`fake Slack: no channel ${id} (addChannel it first)`);
    return new ChannelReader(id, channel);
  }

  /** The app's DM with a person; empty if the app never opened it. */
  dm(userId: string): ChannelReader {
    const channel = this.ws.dmOf(userId);
    return new ChannelReader(channel?.id ?? `D${userId}`, channel);
  }

  /** Ids of every conversation, DMs included. */
  channelIds(): string[] {
    return [...this.ws.channels.keys()];
  }

  channelName(id: string): string | undefined {
    return this.ws.channels.get(id)?.name;
  }

  /** The newest message ts so far: a client that drops older ephemerals (a reload) starts here. */
  latestTs(): string {
    return this.ws.latestTs();
  }

  /** Ephemeral messages shown to a person (oldest first), optionally in one channel only. */
  ephemerals(userId: string, channel?: string): EphemeralMessage[] {
    const all = this.ws.ephemerals.get(userId) ?? [];
    return structuredClone(channel ? all.filter((e) => e.channel === channel) : all);
  }

  /** The modal on top of the person's stack, if any. */
  openView(userId: string): SlackView | undefined {
    const view = this.views.top(userId);
    return view ? structuredClone(view) : undefined;
  }

  /** All of the person's open modals, bottom first. */
  viewStack(userId: string): SlackView[] {
    return structuredClone(this.views.stack(userId));
  }

  /** Field errors (block_id → message) shown in the person's top modal after `response_action: errors`. */
  viewErrors(userId: string): Record<string, string> | undefined {
    const top = this.views.top(userId);
    const errors = top ? this.views.errors(top.id) : undefined;
    return errors ? { ...errors } : undefined;
  }

  /** The App Home view published for the person. */
  home(userId: string): SlackView | undefined {
    const view = this.views.home(userId);
    return view ? structuredClone(view) : undefined;
  }

  /**
   * Forgets the calls recorded so far (messages, views and the rest stay): a long run — a
   * benchmark, the sandbox — keeps the log, and what `calls()` copies, small.
   */
  clearCalls(): void {
    this.log.clear();
  }

  /** Every call the app made (oldest first), or those of one method ('response_url' included). */
  calls(method?: string): CallRecord[] {
    return this.log.all(method);
  }

  // ── waiting for the app ────────────────────────────────────────────────────────────────────

  /**
   * Resolves with the probe's first truthy value, re-checked after every call the fake receives
   * (and every `pollMs`). A probe may throw (e.g. a failing `expect`) to mean "not yet"; on
   * timeout the last error and the recent calls are in the rejection.
   */
  waitFor<T>(probe: Probe<T>, options?: WaitOptions): Promise<T> {
    return this.log.waitFor(probe, options);
  }

  /** Waits until a call of `method` (matching `where`) has been recorded, including earlier ones. */
  waitForCall(
    method: string,
    where: (call: CallRecord) => boolean = () => true,
    options?: WaitOptions,
  ): Promise<CallRecord> {
    return this.waitFor(() => this.log.all(method).find(where), options);
  }

  /** Called after every recorded call or harness-side change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    return this.log.onChange(listener);
  }

  // ── fault injection ────────────────────────────────────────────────────────────────────────

  /** The next `times` calls of `method` ('*' = any, 'response_url' for response URLs) fail. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.failNext(method, fault, times);
  }

  /** Every call of `method` fails until clearFaults(). */
  setFault(method: string, fault: Fault): void {
    this.faults.set(method, fault);
  }

  clearFaults(method?: string): void {
    this.faults.clear(method);
  }

  /**
   * Enforces Slack's per-channel posting limit (default: chat.postMessage, one a second, no
   * burst): a post beyond it gets HTTP 429 `ratelimited` with Retry-After and changes nothing.
   * `false` turns it off.
   */
  limitPostsPerChannel(options: ChannelRateLimitOptions | false = {}): void {
    this.rateLimit = options === false ? undefined : new ChannelRateLimit(options);
  }

  /** What was injected so far, oldest first. */
  injectedFaults(method?: string): InjectedFault[] {
    const all = this.faults.injected;
    return structuredClone(method ? all.filter((f) => f.method === method) : all);
  }

  // ── harness side: what Slack itself does around an interaction ─────────────────────────────

  /** A trigger_id for an interaction by `userId`, valid once for views.open / views.push. */
  mintTriggerId(userId: string): string {
    return this.views.mintTrigger(userId);
  }

  /** A response_url bound to a person, a channel and (for interactions) the source message. */
  mintResponseUrl(context: ResponseContext): string {
    return `${this.baseUrl}/response/${this.responses.mint(context)}`;
  }

  /** Shows a slash command's ack body the way Slack does: as a response to its response_url. */
  deliverAck(responseUrl: string, body: JsonObject): { ok: boolean; error?: string } {
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    const { result } = this.responses.deliver(id, body, 'ack');
    this.log.notify();
    return result.error ? { ok: result.ok, error: result.error } : { ok: result.ok };
  }

  /** The app's DM channel with a person, opened if needed (Slack has one for every user). */
  openDm(userId: string): string {
    return this.ws.openDm(userId).id;
  }

  /** A person writes in a channel (or thread); returns the stored message for the event. */
  postAsUser(channelId: string, userId: string, text: string, threadTs?: string): SlackMessage {
    const channel = this.ws.resolveChannel(channelId);
    if (!channel) throw new Error(`fake Slack: no channel ${channelId}`);
    const message = this.ws.postMessage(channel, { user: userId, text, threadTs, fromBot: false });
    this.log.notify();
    return structuredClone(message);
  }

  /** An open view (modal or Home) by id. */
  findView(viewId: string): SlackView | undefined {
    const view = this.views.find(viewId);
    return view ? structuredClone(view) : undefined;
  }

  /** Applies the app's answer to a view_submission; returns what Slack would object to. */
  applyViewSubmission(userId: string, viewId: string, answer: JsonObject | undefined): string[] {
    const problems = applyViewSubmissionResponse(this.views, userId, viewId, answer);
    this.log.notify();
    return problems;
  }

  /** The person dismisses an ephemeral message ("Dismiss" under it in Slack). */
  /** What Slack itself tells one person (Slackbot, "only visible to you"), e.g. about an unknown command. */
  slackbotSays(userId: string, channel: string, text: string): EphemeralMessage {
    const message = this.ws.addEphemeral({ channel, user: userId, text, source: 'slackbot' });
    this.log.notify();
    return structuredClone(message);
  }

  dismissEphemeral(userId: string, ts: string): void {
    this.ws.removeEphemeral(userId, ts);
    this.log.notify();
  }

  /** The person closes their top modal (or all of them, like the × on a stacked modal). */
  closeView(userId: string, all = false): void {
    if (all) this.views.clear(userId);
    else this.views.closeTop(userId);
    this.log.notify();
  }
}
