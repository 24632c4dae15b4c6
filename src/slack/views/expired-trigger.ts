import { ACTIONS } from '../ids.ts';
import { actions, button, type SlackMessage, section } from './blocks.ts';

/** What the retry button does again: the clicked element's action id and value. */
export interface RetryClick {
  actionId: string;
  value: string;
}

/**
 * The answer when Slack refused to open a modal because its 3-second trigger expired: the
 * explanation and one button that does the same thing again, with a fresh trigger of its own.
 */
export function expiredTriggerMessage(text: string, retry: RetryClick): SlackMessage {
  return {
    text,
    blocks: [
      section(text),
      actions([button({ text: 'Try again', actionId: retry.actionId, value: retry.value })]),
    ],
  };
}

/** The same, for a `/jobs …` command: the button runs the command's text again. */
export function expiredTriggerCommandMessage(text: string, commandText: string): SlackMessage {
  return expiredTriggerMessage(text, { actionId: ACTIONS.retryCommand, value: commandText });
}
