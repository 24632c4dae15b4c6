import type { WebClient } from '@slack/web-api';
import type { Person } from '../domain/index.ts';

/** Long enough to spare Slack a call per click, short enough that a deactivation bites soon. */
export const PERSON_TTL_MS = 5 * 60 * 1000;

/**
 * What Slack says about a person (users.info), cached per user. A failed lookup is not cached,
 * so the next click asks again.
 */
export class PeopleDirectory {
  private readonly cache = new Map<string, { person: Person; until: number }>();
  /** Lookups under way: a second click while Slack answers waits for the same call. */
  private readonly pending = new Map<string, Promise<Person>>();

  constructor(private readonly clock: () => number = Date.now) {}

  lookup(client: WebClient, userId: string): Promise<Person> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.clock()) return Promise.resolve(cached.person);
    let pending = this.pending.get(userId);
    if (!pending) {
      pending = this.fetch(client, userId).finally(() => this.pending.delete(userId));
      this.pending.set(userId, pending);
    }
    return pending;
  }

  private async fetch(client: WebClient, userId: string): Promise<Person> {
    const { user } = await client.users.info({ user: userId });
    if (!user) throw new Error(`users.info returned no user for ${userId}`);
    const person = personOf(userId, user);
    this.cache.set(userId, { person, until: this.clock() + PERSON_TTL_MS });
    return person;
  }
}

/** The fields of a users.info `user` that decide whether someone may act. */
export interface SlackUserFacts {
  id?: string;
  team_id?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
}

export function personOf(userId: string, user: SlackUserFacts): Person {
  return {
    userId,
    teamId: user.team_id,
    isBot: Boolean(user.is_bot) || user.id === 'USLACKBOT',
    deleted: Boolean(user.deleted),
    guest: Boolean(user.is_restricted || user.is_ultra_restricted),
  };
}
