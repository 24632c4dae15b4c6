import type { App } from '@slack/bolt';
import type { AckFirstLane } from '../../ack-first.ts';
import type { SlackDeps } from '../../deps.ts';
import { ACTIONS } from '../../ids.ts';
import { assignSelf, unassignSelf } from './assign-self.ts';
import { assignUsers } from './assign-users.ts';
import { editPreferences } from './edit-preferences.ts';
import { historyPage } from './history-page.ts';
import { homePage } from './home-page.ts';
import { inquiryAction } from './inquiry.ts';
import { moreActions } from './more-actions.ts';
import { openJob } from './open-job.ts';
import { outboxRetry } from './outbox-retry.ts';
import { readEmail } from './read-email.ts';
import { reply } from './reply.ts';
import { retryCommand } from './retry-command.ts';

/** These open a modal with the click's trigger, which Slack honours for 3 seconds only. */
const opensModal = { urgent: () => true };

export function registerActions(app: App, deps: SlackDeps, lane: AckFirstLane): void {
  app.action(ACTIONS.openJob, lane.wrap(openJob(deps), opensModal));
  app.action(ACTIONS.assignSelf, lane.wrap(assignSelf(deps)));
  app.action(ACTIONS.unassignSelf, lane.wrap(unassignSelf(deps)));
  app.action(ACTIONS.assignUsers, lane.wrap(assignUsers(deps)) as never);
  app.action(ACTIONS.reply, lane.wrap(reply(deps), opensModal));
  app.action(ACTIONS.moreActions, lane.wrap(moreActions(deps), opensModal));
  app.action(ACTIONS.inquiryReply, lane.wrap(inquiryAction(deps, 'reply'), opensModal));
  app.action(ACTIONS.inquiryCantHelp, lane.wrap(inquiryAction(deps, 'cant_help'), opensModal));
  app.action(ACTIONS.inquiryCreateJob, lane.wrap(inquiryAction(deps, 'create_job'), opensModal));
  app.action(ACTIONS.historyPage, lane.wrap(historyPage(deps)));
  app.action(new RegExp(`^${ACTIONS.readEmail}:`), lane.wrap(readEmail(deps)));
  app.action(ACTIONS.outboxRetry, lane.wrap(outboxRetry(deps)));
  app.action(ACTIONS.editPreferences, lane.wrap(editPreferences(deps), opensModal));
  app.action(ACTIONS.homePagePrevious, lane.wrap(homePage(deps)));
  app.action(ACTIONS.homePageNext, lane.wrap(homePage(deps)));
  app.action(ACTIONS.retryCommand, lane.wrap(retryCommand(deps), opensModal));
}
