/**
 * Who may act on jobs: people of the installing workspace who are full members. Guests, people
 * from other organisations (Slack Connect), deactivated accounts and bots are turned away.
 */
export interface Person {
  userId: string;
  /** The person's home workspace. */
  teamId: string | undefined;
  isBot: boolean;
  deleted: boolean;
  /** Multi-channel (`is_restricted`) or single-channel (`is_ultra_restricted`) guest. */
  guest: boolean;
}

export type Refusal = 'external' | 'guest' | 'deactivated' | 'bot' | 'unverified';

export const REFUSALS: Record<Refusal, string> = {
  external:
    ':lock: Only members of this workspace can act on jobs. You are here from another organisation (Slack Connect), so you can read the cards but not change them.',
  guest: ":lock: Guests can't act on jobs. Ask a member of the team to do it for you.",
  deactivated: ":lock: This account is deactivated, so it can't act on jobs.",
  bot: ":lock: Bots can't act on jobs.",
  unverified:
    ":warning: jobdesk couldn't check your account with Slack just now, so nothing was done. Please try again in a moment.",
};

/** Why `person` may not act in `workspaceId`, or undefined when they may. */
export function refusalFor(person: Person, workspaceId: string): Refusal | undefined {
  if (person.teamId !== undefined && person.teamId !== workspaceId) return 'external';
  if (person.isBot) return 'bot';
  if (person.deleted) return 'deactivated';
  if (person.guest) return 'guest';
  return undefined;
}

/** Why someone cannot act, as far as it lasts: an unverified lookup is not a verdict on them. */
export type Ineligibility = Exclude<Refusal, 'unverified'>;

/**
 * Why a person was not assigned, after their mention (`<@U…> is a guest…`). Assigning gives
 * someone the merchant's details, so it asks exactly what acting asks.
 */
export const ASSIGN_REFUSALS: Record<Refusal, string> = {
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

export function isIneligibility(value: unknown): value is Ineligibility {
  return typeof value === 'string' && Object.hasOwn(INELIGIBLE_NOTES, value);
}
