import type { App } from '@slack/bolt';
import type { AckFirstLane } from '../../ack-first.ts';
import type { SlackDeps } from '../../deps.ts';
import { JOBS_COMMAND } from '../../ids.ts';
import { jobsCommand } from './jobs.ts';

export function registerCommands(app: App, deps: SlackDeps, lane: AckFirstLane): void {
  app.command(JOBS_COMMAND, lane.wrap(jobsCommand(deps)));
}
