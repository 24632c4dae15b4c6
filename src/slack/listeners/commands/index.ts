import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { JOBS_COMMAND } from '../../ids.ts';
import { jobsCommand } from './jobs.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(JOBS_COMMAND, jobsCommand(deps));
}
