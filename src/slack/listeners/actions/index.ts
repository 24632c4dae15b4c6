import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { ACTIONS } from '../../ids.ts';
import { assignSelf } from './assign-self.ts';
import { assignUsers } from './assign-users.ts';
import { editPreferences } from './edit-preferences.ts';
import { historyPage } from './history-page.ts';
import { homePage } from './home-page.ts';
import { inquiryAction } from './inquiry.ts';
import { moreActions } from './more-actions.ts';
import { openJob } from './open-job.ts';
import { outboxRetry } from './outbox-retry.ts';
import { reply } from './reply.ts';

export function registerActions(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.openJob, openJob(deps));
  app.action(ACTIONS.assignSelf, assignSelf(deps));
  app.action(ACTIONS.assignUsers, assignUsers(deps) as never);
  app.action(ACTIONS.reply, reply(deps));
  app.action(ACTIONS.moreActions, moreActions(deps));
  app.action(ACTIONS.inquiryReply, inquiryAction(deps, 'reply'));
  app.action(ACTIONS.inquiryCantHelp, inquiryAction(deps, 'cant_help'));
  app.action(ACTIONS.historyPage, historyPage(deps));
  app.action(ACTIONS.outboxRetry, outboxRetry(deps));
  app.action(ACTIONS.editPreferences, editPreferences(deps));
  app.action(ACTIONS.homePagePrevious, homePage(deps));
  app.action(ACTIONS.homePageNext, homePage(deps));
}
