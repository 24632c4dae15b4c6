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
