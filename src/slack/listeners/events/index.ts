import type { App } from '@slack/bolt';
import type { AckFirstLane } from '../../ack-first.ts';
import type { SlackDeps } from '../../deps.ts';
import { appHomeOpened } from './app-home-opened.ts';

export function registerEvents(app: App, deps: SlackDeps, lane: AckFirstLane): void {
  app.event('app_home_opened', lane.queue(appHomeOpened(deps)));
}
