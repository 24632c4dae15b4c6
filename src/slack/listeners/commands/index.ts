import type { App } from '@slack/bolt';
import type { AckFirstLane } from '../../ack-first.ts';
import type { SlackDeps } from '../../deps.ts';
import { JOBS_COMMAND } from '../../ids.ts';
import { jobsCommand } from './jobs.ts';

/**
 * Subcommands that may open a modal with the command's trigger (3 seconds): their work goes
 * first in the lane. `reply` and `decline` open one only without a message or reason; taking
 * them all first costs the others little.
 */
const MODAL_COMMANDS = new Set(['new', 'prefs', 'settings', 'reply', 'decline']);

const mayOpenModal = ({ command }: { command: { text?: string } }) =>
  MODAL_COMMANDS.has((command.text ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '');

export function registerCommands(app: App, deps: SlackDeps, lane: AckFirstLane): void {
  app.command(JOBS_COMMAND, lane.wrap(jobsCommand(deps), { urgent: mayOpenModal }));
}
