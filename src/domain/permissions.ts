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

// Keyed by type, so a new reason cannot be left out of the check.
const LASTING: Record<Ineligibility, true> = {
  external: true,
  guest: true,
  deactivated: true,
  bot: true,
};

/** Whether a stored value (a member's `cannotAct`) is one of the lasting reasons. */
export function isIneligibility(value: unknown): value is Ineligibility {
  return typeof value === 'string' && Object.hasOwn(LASTING, value);
}
