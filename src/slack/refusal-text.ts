import {
  type AlreadyInStateFacts,
  actorIsPerson,
  describeActor,
  type Ineligibility,
  type Refusal,
  STATUS_LABELS,
  sayAlreadyInState,
} from '../domain/index.ts';
import { mention } from './mrkdwn.ts';

/**
 * The Slack words for the domain's refusal codes (src/domain/permissions.ts decides who may act;
 * this file says so in mrkdwn).
 */

/** What a person who may not act on jobs is told, only to them. */
export const REFUSAL_TEXT: Record<Refusal, string> = {
  external:
    ':lock: Only members of this workspace can act on jobs. You are here from another organisation (Slack Connect), so you can read the cards but not change them.',
  guest: ":lock: Guests can't act on jobs. Ask a member of the team to do it for you.",
  deactivated: ":lock: This account is deactivated, so it can't act on jobs.",
  bot: ":lock: Bots can't act on jobs.",
  unverified:
    ":warning: jobdesk couldn't check your account with Slack just now, so nothing was done. Please try again in a moment.",
};

/**
 * Why a person was not assigned, after their mention (`<@U…> is a guest…`). Assigning gives
 * someone the merchant's details, so it asks exactly what acting asks.
 */
export const ASSIGN_REFUSAL_TEXT: Record<Refusal, string> = {
  external: "is from another organisation (Slack Connect) and can't be assigned",
  guest: "is a guest and can't be assigned",
  deactivated: "has a deactivated account and can't be assigned",
  bot: "is a bot and can't be assigned",
  unverified: "couldn't be checked with Slack just now, so was not assigned: try again in a moment",
};

/** What a card says next to an assignee who can no longer act (and so gets no DMs). */
export const INELIGIBLE_NOTES: Record<Ineligibility, string> = {
  external: 'from another organisation',
  guest: 'guest',
  deactivated: 'deactivated',
  bot: 'bot',
};

/** An actor in mrkdwn: a person as a mention (Slack shows their name), a role in words. */
export function slackActor(actor: string): string {
  return actorIsPerson(actor) ? mention(actor) : describeActor(actor);
}

/** The facts of an `already_in_state` refusal's `details`, if that is what they hold. */
export function alreadyInStateFacts(
  details: Readonly<Record<string, unknown>>,
): AlreadyInStateFacts | undefined {
  const { ref, status, by, at } = details;
  if (typeof ref !== 'string' || typeof status !== 'string') return undefined;
  if (!Object.hasOwn(STATUS_LABELS, status)) return undefined;
  return {
    ref,
    status: status as AlreadyInStateFacts['status'],
    by: typeof by === 'string' ? by : undefined,
    at: typeof at === 'string' ? at : undefined,
  };
}

/** "J-12 is already declined by <@U123> on 30 Nov at 14:05 UTC". */
export function alreadyInStateText(facts: AlreadyInStateFacts): string {
  return sayAlreadyInState(facts, slackActor);
}
