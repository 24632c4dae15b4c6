import type { App } from '@slack/bolt';
import type { AckFirstLane } from '../../ack-first.ts';
import type { SlackDeps } from '../../deps.ts';
import { ACTIONS } from '../../ids.ts';
import { router } from '../router.ts';
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
import type { ActionArgs } from './types.ts';

/** These open a modal with the click's trigger, which Slack honours for 3 seconds only. */
const opensModal = { urgent: () => true };

export function registerActions(app: App, deps: SlackDeps, lane: AckFirstLane): void {
  const actions = router<ActionArgs>(
    (args) => String((args.action as { action_id?: string } | undefined)?.action_id ?? ''),
    // A link button (Open in Shopify) sends an action too: Slack wants it acked, nothing more.
    ({ ack }) => ack(),
  )
    .on(ACTIONS.openJob, lane.wrap(openJob(deps), opensModal))
    .on(ACTIONS.assignSelf, lane.wrap(assignSelf(deps)))
    .on(ACTIONS.unassignSelf, lane.wrap(unassignSelf(deps)))
    .on(ACTIONS.assignUsers, lane.wrap(assignUsers(deps)) as never)
    .on(ACTIONS.reply, lane.wrap(reply(deps), opensModal))
    .on(ACTIONS.moreActions, lane.wrap(moreActions(deps), opensModal))
    .on(ACTIONS.inquiryReply, lane.wrap(inquiryAction(deps, 'reply'), opensModal))
    .on(ACTIONS.inquiryCantHelp, lane.wrap(inquiryAction(deps, 'cant_help'), opensModal))
    .on(ACTIONS.inquiryCreateJob, lane.wrap(inquiryAction(deps, 'create_job'), opensModal))
    .on(ACTIONS.historyPage, lane.wrap(historyPage(deps)))
    .onPrefix(ACTIONS.readEmail, lane.wrap(readEmail(deps)))
    .on(ACTIONS.outboxRetry, lane.wrap(outboxRetry(deps)))
    .on(ACTIONS.editPreferences, lane.wrap(editPreferences(deps), opensModal))
    .on(ACTIONS.homePagePrevious, lane.wrap(homePage(deps)))
    .on(ACTIONS.homePageNext, lane.wrap(homePage(deps)))
    .on(ACTIONS.retryCommand, lane.wrap(retryCommand(deps), opensModal));
  app.action(/./, actions.listener() as never);
}
