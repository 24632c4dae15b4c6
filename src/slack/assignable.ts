import type { WebClient } from '@slack/web-api';
import { type Refusal, refusalFor } from '../domain/index.ts';
import type { SlackDeps } from './deps.ts';
import { mention } from './mrkdwn.ts';
import { ASSIGN_REFUSAL_TEXT } from './refusal-text.ts';

/**
 * Who among `userIds` may not be assigned, and why: the same policy and the same users.info
 * lookup as acting. A lookup that fails refuses that person ("try again"), never lets them in.
 */
export async function refusedAssignees(
  deps: SlackDeps,
  client: WebClient,
  userIds: string[],
): Promise<Record<string, Refusal>> {
  const verdicts = await Promise.all(
    [...new Set(userIds)].map(async (userId): Promise<[string, Refusal | undefined]> => {
      try {
        const person = await deps.people.lookup(client, userId);
        return [userId, refusalFor(person, deps.workspaceId)];
      } catch (error) {
        deps.logger.warn({ err: error, userId }, 'could not look up a person to assign');
        return [userId, 'unverified'];
      }
    }),
  );
  return Object.fromEntries(verdicts.filter((v): v is [string, Refusal] => v[1] !== undefined));
}

/** One line per refused person: `<@U…> is a guest and can't be assigned.` */
export function refusedLines(refused: Record<string, Refusal>): string[] {
  return Object.entries(refused).map(
    ([userId, refusal]) => `:lock: ${mention(userId)} ${ASSIGN_REFUSAL_TEXT[refusal]}.`,
  );
}
