import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { VIEWS } from '../../ids.ts';
import { completeSubmitted } from './complete.ts';
import { declineSubmitted } from './decline.ts';
import { inquirySubmitted } from './inquiry.ts';
import { newJobSubmitted } from './new-job.ts';
import { preferencesSubmitted } from './preferences.ts';
import { replySubmitted } from './reply.ts';
import { settingsSubmitted } from './settings.ts';

export function registerViews(app: App, deps: SlackDeps): void {
  app.view(VIEWS.reply, replySubmitted(deps));
  app.view(VIEWS.inquiryReply, inquirySubmitted(deps, { cantHelp: false }));
  app.view(VIEWS.cantHelp, inquirySubmitted(deps, { cantHelp: true }));
  app.view(VIEWS.decline, declineSubmitted(deps));
  app.view(VIEWS.complete, completeSubmitted(deps));
  app.view(VIEWS.preferences, preferencesSubmitted(deps));
  app.view(VIEWS.newJob, newJobSubmitted(deps));
  app.view(VIEWS.settings, settingsSubmitted(deps));
}
