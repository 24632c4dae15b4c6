import type { Server } from 'node:http';
import {
  App,
  type Logger as BoltLogger,
  type CustomRoute,
  HTTPReceiver,
  LogLevel,
} from '@slack/bolt';
import { cleanStringsInPlace } from '../clean-text.ts';
import type { SlackConfig } from '../config.ts';
import { SERVER_TIMEOUTS, type ServerTimeouts } from '../http/server-timeouts.ts';
import type { UnansweredRequests } from '../http/unanswered.ts';
import type { Logger } from '../logger.ts';
import { AckFirstLane } from './ack-first.ts';
import { onlyMembers } from './authorize.ts';
import type { SlackDeps } from './deps.ts';
import type { SlackIdentity } from './identity.ts';
import { registerActions } from './listeners/actions/index.ts';
import { registerCommands } from './listeners/commands/index.ts';
import { registerEvents } from './listeners/events/index.ts';
import { registerViews } from './listeners/views/index.ts';
import { PeopleDirectory } from './people.ts';

/**
 * Listeners past their ack at once (see AckFirstLane): as many as the database pool's connections
 * (10), which more could only queue for while their other work delayed the acks of a burst.
 * Measured (BENCHMARKS.md): 4 slots cut /jobs list acks but tripled how long a burst of clicks
 * took to be answered; 10 keep most of both.
 */
const AFTER_ACK_SLOTS = 10;

export interface SlackApp {
  app: App;
  /** Starts listening; over HTTP, resolves to the server that also serves `customRoutes`. */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
}

/**
 * The Bolt app: over HTTP on jobdesk's one server (with the intake API and health as custom
 * routes), or over Socket Mode when an app token is set (custom routes then get their own server
 * on the same port).
 */
export function createSlackApp(
  config: SlackConfig,
  identity: SlackIdentity,
  baseDeps: Omit<SlackDeps, 'people'>,
  customRoutes: CustomRoute[],
  port: number,
  timeouts: ServerTimeouts = SERVER_TIMEOUTS,
  /** Requests of this process still waiting for their answer: work past an ack gives way to them. */
  unanswered?: UnansweredRequests,
): SlackApp {
  // One directory for the whole app: who may act and who may be assigned share one cache.
  const deps: SlackDeps = { ...baseDeps, people: new PeopleDirectory() };
  const logger = boltLogger(deps.logger);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // Inline calls (views.open with a 3-second trigger) must fail fast rather than retry for long.
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
  };
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    clientOptions,
    logger,
  };
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (config.appToken) {
    app = new App({
      ...common,
      appToken: config.appToken,
      socketMode: true,
      customRoutes,
      installerOptions: { clientOptions, port },
    } as ConstructorParameters<typeof App>[0]);
  } else {
    receiver = new HTTPReceiver({ signingSecret: config.signingSecret, customRoutes, logger });
    app = new App({ ...common, receiver });
  }

  // Before anything reads it: text Postgres cannot store (NUL, lone surrogates) is cleaned once.
  app.use(async ({ body, next }) => {
    cleanStringsInPlace(body);
    await next();
  });
  app.use(onlyMembers(deps));
  const lane = new AckFirstLane(AFTER_ACK_SLOTS, {
    ...(unanswered && { giveWay: () => unanswered.answered() }),
  });
  registerCommands(app, deps, lane);
  registerActions(app, deps, lane);
  registerViews(app, deps);
  registerEvents(app, deps, lane);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  return {
    app,
    async start() {
      if (!receiver) {
        await app.start(port);
        return undefined;
      }
      // Bolt hands these to http.createServer: a slow client cannot hold a connection for long.
      const server = (await app.start(port, { ...timeouts })) as Server;
      unanswered?.watch(server);
      return server;
    },
    stop: () => app.stop().then(() => undefined),
  };
}

/** Bolt logs through jobdesk's structured logger instead of its own console one. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => log.debug(msg.join(' ')),
    info: (...msg) => log.info(msg.join(' ')),
    warn: (...msg) => log.warn(msg.join(' ')),
    error: (...msg) => log.error(msg.join(' ')),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
