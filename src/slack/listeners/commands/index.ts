import type { App } from '@slack/bolt';
import type { AckFirstLane } from '../../ack-first.ts';
import { isUrgent } from '../../commands/registry.ts';
import type { SlackDeps } from '../../deps.ts';
import { JOBS_COMMAND } from '../../ids.ts';
import { jobsCommand } from './jobs.ts';

/**
 * Subcommands that may open a modal with the command's trigger (3 seconds) go first in the lane
 * (each says so in its registry entry). `reply` and `decline` open one only without a message or
 * reason; taking them all first costs the others little.
 */
const mayOpenModal = ({ command }: { command: { text?: string } }) => isUrgent(command.text ?? '');

export function registerCommands(app: App, deps: SlackDeps, lane: AckFirstLane): void {
  app.command(JOBS_COMMAND, lane.wrap(jobsCommand(deps), { urgent: mayOpenModal }));
}
