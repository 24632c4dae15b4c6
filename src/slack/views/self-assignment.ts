import { formatJobRef } from '../../domain/index.ts';
import { ACTIONS } from '../ids.ts';
import { actions, button, type SlackMessage, section } from './blocks.ts';

/**
 * What the person who clicked *Assign to me* sees: only they are "me", so the way back
 * (*Unassign me*) lives here, in their ephemeral answer, not on the card everyone shares.
 */
export function selfAssignedMessage(number: number, already: boolean): SlackMessage {
  const ref = formatJobRef(number);
  const text = already
    ? `You are already assigned to ${ref}.`
    : `:raised_hand: You are assigned to ${ref}.`;
  return {
    text,
    blocks: [
      section(text),
      actions([
        button({ text: 'Unassign me', actionId: ACTIONS.unassignSelf, value: String(number) }),
      ]),
    ],
  };
}

/** The answer to *Unassign me*; the card's *Assign to me* is back once nobody is on the job. */
export function selfUnassignedMessage(number: number): SlackMessage {
  const text = `You are no longer assigned to ${formatJobRef(number)}.`;
  return { text, blocks: [section(text)] };
}
