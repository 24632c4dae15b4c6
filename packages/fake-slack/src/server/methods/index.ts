// Every Web API method the fake answers; anything else gets Slack's `unknown_method`.

import { chatMethods } from './chat.ts';
import { conversationsHistoryMethods } from './conversations-history.ts';
import type { Handler } from './result.ts';
import { viewMethods } from './views.ts';
import { workspaceInfoMethods } from './workspace-info.ts';

export const API_METHODS: Readonly<Record<string, Handler>> = {
  ...chatMethods,
  ...conversationsHistoryMethods,
  ...viewMethods,
  ...workspaceInfoMethods,
};
