// The local Slack sandbox: a fake Slack workspace (the same one the tests use), served by
// jobdesk's own server with a web page that shows it like the Slack client. jobdesk talks to it
// exactly as to Slack: Web API calls to SLACK_API_URL (here `<server>/sandbox/api/`), and the
// sandbox signs and POSTs what people do on the page to `/slack/events`. It also plays the
// merchants (through the signed intake API) and owns the business clock, which it can jump.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  elementsOf,
  FakeSlack,
  type JsonObject,
  type SlackRequestHandler,
} from '@jobdesk/fake-slack';
import { type Found, SlackClient, type Surface } from '@jobdesk/fake-slack/client';
import type { SlackConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { SandboxClock } from './clock.ts';
import { SandboxMailbox } from './mailbox.ts';
import {
  emptyMerchantMemory,
  type IntakeAnswer,
  type MerchantMemory,
  type MerchantRequest,
  MerchantSide,
} from './merchant.ts';
import {
  DEFAULT_JOBS_CHANNEL,
  jobsChannelInit,
  PEOPLE,
  SANDBOX_ADMINS,
  SANDBOX_BOT,
  SANDBOX_TEAM,
} from './people.ts';
import type { ActRequest } from './requests.ts';
import { DebouncedSave, loadSaved, writeSaved } from './saved-state.ts';
import { type PageState, pageState, type ViewRequest } from './view-model.ts';

export const SANDBOX_PATH = '/sandbox';
export const APP_NAME = 'jobdesk';

export interface SandboxOptions {
  logger: Logger;
  /** The clock the sandbox adds its jumps to; default the wall clock. */
  now?: () => Date;
  /** Channel id of the jobs channel (SLACK_JOBS_CHANNEL, if set). */
  jobsChannel?: string | undefined;
  /** Where the sandbox keeps its Slack and merchants between runs; unset: nothing is kept. */
  stateFile?: string | undefined;
  /** The slash commands the app's manifest declares (Slack refuses any other). */
  commands?: readonly string[];
  /** The manifest's messages_tab_read_only_enabled: the Messages tab has no composer. */
  messagesTabReadOnly?: boolean;
}

export interface SandboxLinks {
  /** jobdesk's intake path and secret: the merchant panel sends through them. */
  intakePath: string;
  intakeSecret: string;
  /** Runs after the clock jumped (jobdesk's deadline sweep); may say what happened. */
  onClockJump: () => Promise<string | undefined>;
}

export interface ActResult {
  status: number;
  /** What Slack would have shown instead of the app's answer (an error, a refused body). */
  problems: string[];
}

export class SandboxError extends Error {
  override readonly name = 'SandboxError';
}

export class Sandbox {
  readonly slack: FakeSlack;
  readonly clock: SandboxClock;
  readonly jobsChannel: string;
  /** Admins jobdesk starts with (like JOBDESK_ADMINS). */
  readonly admins: readonly string[] = SANDBOX_ADMINS;
  /** The app's signing secret: made up for this run, known to the sandbox and to Bolt. */
  readonly signingSecret = randomBytes(32).toString('hex');
  /** The merchant's mailbox: jobdesk's outbound relay here, and a sender to its SMTP receiver. */
  readonly mailbox = new SandboxMailbox(() => this.changed());

  private readonly logger: Logger;
  private readonly commands: readonly string[];
  private readonly messagesTabReadOnly: boolean;
  private readonly memory: MerchantMemory;
  private readonly save: DebouncedSave | undefined;
  private readonly streams = new Set<ServerResponse>();
  /** The database this state belongs to (see belongsTo). */
  private database: string | undefined;
  private version = 0;
  private port: number | undefined;
  private slackHandler: SlackRequestHandler | undefined;
  private client: SlackClient | undefined;
  private merchantSide: MerchantSide | undefined;
  private links: SandboxLinks | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;

  constructor(options: SandboxOptions) {
    this.logger = options.logger.child({ component: 'sandbox' });
    this.jobsChannel = options.jobsChannel ?? DEFAULT_JOBS_CHANNEL;
    this.commands = options.commands ?? [];
    this.messagesTabReadOnly = options.messagesTabReadOnly ?? false;
    const saved = options.stateFile ? loadSaved(options.stateFile) : undefined;
    this.clock = new SandboxClock(options.now ?? (() => new Date()), saved?.clockOffsetMs ?? 0);
    this.slack = new FakeSlack({
      teamId: SANDBOX_TEAM.id,
      teamDomain: SANDBOX_TEAM.domain,
      botUserId: SANDBOX_BOT.userId,
      botId: SANDBOX_BOT.botId,
      appId: SANDBOX_BOT.appId,
      botToken: SANDBOX_BOT.token,
      channels: [jobsChannelInit(this.jobsChannel)],
      now: () => this.clock.now().getTime(),
    });
    for (const { role: _role, about: _about, ...user } of PEOPLE) this.slack.addUser(user);
    if (saved) this.slack.restore(saved.slack);
    this.memory = saved?.merchant ?? emptyMerchantMemory();
    this.database = saved?.database;

    const file = options.stateFile;
    if (file) {
      this.save = new DebouncedSave(() => {
        try {
          writeSaved(file, {
            version: 1,
            database: this.database,
            slack: this.slack.snapshot(),
            merchant: this.memory,
            clockOffsetMs: this.clock.offset,
          });
        } catch (error) {
          this.logger.warn({ err: error, file }, 'could not save the sandbox state');
        }
      });
    }
    this.slack.onChange(() => this.changed());
  }

  /** The business clock jobdesk runs on in the sandbox. */
  get now(): () => Date {
    return this.clock.now;
  }

  /** Where a person opens the sandbox. */
  get url(): string {
    return `http://localhost:${this.requirePort()}/`;
  }

  private requirePort(): number {
    if (this.port === undefined)
      throw new SandboxError('the sandbox has no port yet: call reservePort()');
    return this.port;
  }

  /** For jobdesk's own calls to its own server: loopback, whatever name the page uses. */
  private get localBase(): string {
    return `http://127.0.0.1:${this.requirePort()}`;
  }

  /**
   * Takes the port (0 = any free one) and serves the sandbox's Web API on it alone, so that
   * jobdesk's auth.test at start reaches it before jobdesk's own server exists; release() hands
   * the port over. Returns the Slack settings jobdesk runs with: a bot token, a signing secret
   * made up for this run, and the sandbox's API as SLACK_API_URL.
   */
  async reservePort(
    port: number,
  ): Promise<{ port: number; slack: SlackConfig; release(): Promise<void> }> {
    const server: Server = createServer((req, res) => {
      if (req.url?.startsWith(`${SANDBOX_PATH}/`) && this.slackHandler) this.slackHandler(req, res);
      else {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
        res.end('jobdesk is starting');
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.slackHandler = this.slack.mount(`${this.localBase}${SANDBOX_PATH}`);
    return {
      port: this.port,
      slack: {
        botToken: this.slack.botToken,
        signingSecret: this.signingSecret,
        appToken: undefined,
        apiUrl: `${this.localBase}${SANDBOX_PATH}/api/`,
      },
      release: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  /**
   * Ties the saved state to the database jobdesk runs on. State saved for another database (the
   * embedded one was deleted, DATA_DIR points elsewhere) would show cards and a clock that
   * database knows nothing of: it is forgotten, and the sandbox starts afresh. Returns whether
   * it was.
   */
  belongsTo(database: string): boolean {
    const other = this.database !== undefined && this.database !== database;
    if (other) {
      this.logger.info(
        { saved: this.database, database },
        'the sandbox state was saved for another database: starting the sandbox afresh',
      );
      this.slack.reset();
      Object.assign(this.memory, emptyMerchantMemory());
      this.clock.backToNow();
    }
    this.database = database;
    this.changed();
    return other;
  }

  /** Once jobdesk's server runs: where people's actions and merchants' events go. */
  connect(links: SandboxLinks): void {
    this.links = links;
    this.client = new SlackClient({
      url: `${this.localBase}/slack/events`,
      signingSecret: this.signingSecret,
      slack: this.slack,
    });
    this.merchantSide = new MerchantSide({
      memory: this.memory,
      intakeUrl: `${this.localBase}${links.intakePath}`,
      secret: links.intakeSecret,
      now: this.clock.now,
      onChange: () => this.changed(),
    });
  }

  /** Handles the sandbox's Web API and response_urls (mounted under /sandbox). */
  handleSlack(req: IncomingMessage, res: ServerResponse): void {
    if (!this.slackHandler)
      throw new SandboxError('the sandbox has no port yet: call reservePort()');
    this.slackHandler(req, res);
  }

  // ── what the page reads ────────────────────────────────────────────────────────────────────

  state(request: ViewRequest): PageState {
    const merchant = this.requireMerchant();
    return pageState(
      {
        slack: this.slack,
        jobsChannel: this.jobsChannel,
        appName: APP_NAME,
        now: this.clock.now,
        clockOffsetMs: this.clock.offset,
        version: this.version,
        messagesTabReadOnly: this.messagesTabReadOnly,
        merchant: { memory: this.memory, draft: merchant.draft() },
      },
      request,
    );
  }

  /** Server-sent events: a `change` with the new version whenever anything changed. */
  stream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`retry: 1000\nevent: change\ndata: ${this.version}\n\n`);
    this.streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    keepAlive.unref();
    res.on('close', () => {
      clearInterval(keepAlive);
      this.streams.delete(res);
    });
  }

  private changed(): void {
    this.version += 1;
    this.save?.schedule();
    // Many calls land together (a card, its thread post, a DM): tell the pages once.
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      for (const res of this.streams) res.write(`event: change\ndata: ${this.version}\n\n`);
    }, 30);
    this.notifyTimer.unref();
  }

  // ── what people do on the page ─────────────────────────────────────────────────────────────

  private requireClient(): SlackClient {
    if (!this.client) throw new SandboxError('jobdesk is not connected to the sandbox yet');
    return this.client;
  }

  private requireMerchant(): MerchantSide {
    if (!this.merchantSide) throw new SandboxError('jobdesk is not connected to the sandbox yet');
    return this.merchantSide;
  }

  /** Finds the element a person used, by where it is and its block_id / action_id. */
  private locate(user: string, request: Extract<ActRequest, { type: 'action' }>): Found {
    const where = request.surface;
    let surface: Surface | undefined;
    if (where.kind === 'message') {
      const message = this.slack.channel(where.channel).message(where.ts);
      if (message) surface = { kind: 'message', channel: where.channel, message };
    } else if (where.kind === 'ephemeral') {
      const message = this.slack.ephemerals(user).find((e) => e.ts === where.ts);
      if (message) surface = { kind: 'ephemeral', message };
    } else {
      const view = this.slack.findView(where.viewId);
      if (view) surface = { kind: 'view', view };
    }
    if (!surface) throw new SandboxError('that message or view is gone');
    const blocks: JsonObject[] =
      surface.kind === 'view' ? surface.view.blocks : (surface.message.blocks ?? []);
    const ref = elementsOf(blocks).find(
      (r) => r.block.block_id === request.blockId && r.element.action_id === request.actionId,
    );
    if (!ref) throw new SandboxError('that control is no longer there');
    if (ref.element.type !== 'overflow') return { surface, ref };
    const options = Array.isArray(ref.element.options) ? (ref.element.options as JsonObject[]) : [];
    const option = options.find((o) => o.value === request.option);
    if (!option) throw new SandboxError('that menu option is no longer there');
    return { surface, ref, option };
  }

  /** Does what a person did on the page, the way Slack would tell the app about it. */
  async act(request: ActRequest): Promise<ActResult> {
    const client = this.requireClient();
    const user = request.as;
    const answered = (status: number, problems: string[] = []): ActResult => ({
      status,
      problems: status === 200 ? problems : [`${APP_NAME} answered HTTP ${status}`, ...problems],
    });
    switch (request.type) {
      case 'command': {
        const channel = request.channel === 'dm' ? this.slack.openDm(user) : request.channel;
        const word = request.text.trim().split(/\s+/)[0] ?? '';
        if (!this.commands.includes(word.toLowerCase())) {
          // Slack never sends the app a command its manifest does not declare: Slackbot answers.
          this.slackbotSays(user, channel, word);
          return answered(200);
        }
        const result = await client.command(request.text, { user, channel });
        return answered(result.status, result.problems);
      }
      case 'message': {
        if (request.channel === 'dm' && this.messagesTabReadOnly) {
          throw new SandboxError('Sending messages to this app has been turned off.');
        }
        const channel = request.channel === 'dm' ? this.slack.openDm(user) : request.channel;
        const result = await client.message({
          user,
          channel,
          text: request.text,
          ...(request.threadTs ? { threadTs: request.threadTs } : {}),
        });
        return answered(result.status);
      }
      case 'action': {
        const found = this.locate(user, request);
        const result = await client.interact(found, {
          user,
          ...(request.values ? { values: request.values } : {}),
          ...(request.choice !== undefined ? { choice: request.choice } : {}),
        });
        return answered(result.status);
      }
      case 'submit': {
        const result = await client.submitView({
          user,
          viewId: request.viewId,
          values: request.values,
        });
        return answered(result.status, result.problems);
      }
      case 'close': {
        if (this.slack.openView(user)?.id !== request.viewId) return answered(200);
        const result = await client.closeView({ user });
        return answered(result?.status ?? 200);
      }
      case 'home': {
        const result = await client.appHomeOpened(user, request.tab);
        return answered(result.status);
      }
      case 'dismiss': {
        this.slack.dismissEphemeral(user, request.ts);
        return answered(200);
      }
    }
  }

  private slackbotSays(user: string, channel: string, word: string): void {
    this.slack.slackbotSays(
      user,
      channel,
      `${word} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.\nIf you are trying to send a message and not run a command, try preceding the "/" with an empty space.`,
    );
  }

  /** A merchant does something on the marketplace: an intake event, sent signed. */
  merchant(request: MerchantRequest): Promise<IntakeAnswer> {
    return this.requireMerchant().send(request);
  }

  /** Jumps the business clock ahead, then lets jobdesk sweep its deadlines. */
  async jump(ms: number): Promise<{ now: string; note: string | undefined }> {
    if (!this.links) throw new SandboxError('jobdesk is not connected to the sandbox yet');
    this.clock.advance(ms);
    this.changed();
    const note = await this.links.onClockJump();
    this.changed();
    return { now: this.clock.now().toISOString(), note };
  }

  /**
   * Back to real time. Nothing that happened in the jumped-to time is undone: expired jobs stay
   * expired, reminders and digests stay sent, messages keep their times (Slack's timestamps only
   * grow, so new ones follow them); deadlines are counted on real time again.
   */
  async backToNow(): Promise<{ now: string; note: string }> {
    if (!this.links) throw new SandboxError('jobdesk is not connected to the sandbox yet');
    const jumped = this.clock.offset;
    this.clock.backToNow();
    this.changed();
    const hours = Math.round(jumped / 3_600_000);
    const note =
      jumped > 0
        ? `back to real time (${hours} h earlier); what happened meanwhile stays as it was`
        : 'already on real time';
    return { now: this.clock.now().toISOString(), note };
  }

  /** Ends the page streams (they would hold the server open) and saves. */
  async stop(): Promise<void> {
    await this.mailbox.stop();
    for (const res of this.streams) res.end();
    this.streams.clear();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.save?.flush();
  }
}
