import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { VIEWS } from '../../ids.ts';
import { router } from '../router.ts';
import { completeSubmitted } from './complete.ts';
import { declineSubmitted } from './decline.ts';
import { inquirySubmitted } from './inquiry.ts';
import { newJobSubmitted } from './new-job.ts';
import { preferencesSubmitted } from './preferences.ts';
import { replySubmitted } from './reply.ts';
import { settingsSubmitted } from './settings.ts';
import type { SubmitArgs } from './types.ts';

export function registerViews(app: App, deps: SlackDeps): void {
  const views = router<SubmitArgs>(
    ({ view }) => view.callback_id,
    // A modal jobdesk does not know (an older version's): closed, as Slack does with an empty ack.
    ({ ack }) => ack(),
  )
    .on(VIEWS.reply, replySubmitted(deps))
    .on(VIEWS.inquiryReply, inquirySubmitted(deps, { cantHelp: false }))
    .on(VIEWS.cantHelp, inquirySubmitted(deps, { cantHelp: true }))
    .on(VIEWS.decline, declineSubmitted(deps))
    .on(VIEWS.complete, completeSubmitted(deps))
    .on(VIEWS.preferences, preferencesSubmitted(deps))
    .on(VIEWS.newJob, newJobSubmitted(deps))
    .on(VIEWS.settings, settingsSubmitted(deps));
  app.view(/./, views.listener() as never);
}
