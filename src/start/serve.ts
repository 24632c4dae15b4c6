import type { Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { ProcessRole } from '../config.ts';
import { serveRoutes } from '../http/route-server.ts';
import type { ServerTimeouts } from '../http/server-timeouts.ts';
import type { UnansweredRequests } from '../http/unanswered.ts';
import { createSlackApp } from '../slack/app.ts';
import type { SlackDeps } from '../slack/deps.ts';
import type { SlackConnection } from './slack-environment.ts';

/** What a JOBDESK_ROLE=worker process serves: nothing a person or Slack sends work to. */
const WORKER_ROUTES = ['/healthz', '/metrics'];

export interface Serving {
  port: number;
  stop(): Promise<void>;
}

/**
 * jobdesk's one HTTP server: Bolt's receiver with jobdesk's routes beside Slack's (or Socket
 * Mode, the routes on a server of their own). A worker process answers no Slack request and
 * takes no intake: it serves health and metrics only.
 */
export async function serve(deps: {
  role: ProcessRole;
  connection: SlackConnection;
  slackDeps: Omit<SlackDeps, 'people'>;
  /** jobdesk's own routes (intake, health, metrics, email doors). */
  routes: CustomRoute[];
  /** The Slack environment's routes (the sandbox's page and Web API). */
  environmentRoutes: CustomRoute[];
  timeouts: ServerTimeouts | undefined;
  /** Counts the requests Slack waits on, for the work that gives way to them. */
  unanswered: UnansweredRequests;
}): Promise<Serving> {
  const { connection } = deps;
  if (deps.role === 'worker') {
    const own = deps.routes.filter((route) => WORKER_ROUTES.includes(route.path));
    const server = await serveRoutes(own, connection.port);
    return {
      port: listeningPort(server, connection.port),
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }
  const slack = createSlackApp(
    connection.slack,
    connection.identity,
    deps.slackDeps,
    [...deps.routes, ...deps.environmentRoutes],
    connection.port,
    deps.timeouts,
    deps.unanswered,
  );
  const server = await slack.start();
  return {
    port: server ? listeningPort(server, connection.port) : connection.port,
    stop: slack.stop,
  };
}

function listeningPort(server: Server, fallback: number): number {
  const address = server.address();
  return address && typeof address === 'object' ? address.port : fallback;
}
