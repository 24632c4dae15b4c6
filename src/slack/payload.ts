import type { Actor } from '../services/index.ts';
import type { SlackDeps } from './deps.ts';

/** The acting person of any Slack payload, in the installing workspace. */
export function actorOf(deps: SlackDeps, userId: string): Actor {
  return { workspaceId: deps.workspaceId, userId };
}

/** Button values end with a number (a job or a conversation): `12`, or `decline:12` in "More actions". */
export function numberFromValue(value: string | undefined): number | undefined {
  const number = Number(value?.split(':').pop());
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** Modals carry which job or conversation they are about in private_metadata, as JSON. */
export function metadataOf(view: { private_metadata?: string }): Record<string, unknown> {
  try {
    const parsed = JSON.parse(view.private_metadata || '{}');
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
