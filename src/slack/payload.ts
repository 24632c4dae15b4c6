import type { Actor } from '../services/index.ts';
import type { SlackDeps } from './deps.ts';

/** The acting person of any Slack payload, in the installing workspace. */
export function actorOf(deps: SlackDeps, userId: string): Actor {
  return { workspaceId: deps.workspaceId, userId };
}

/** Job numbers and row ids are Postgres `integer`s: anything above cannot name a record. */
const MAX_ID = 2_147_483_647;

/**
 * A safe positive whole number, written as digits only (`12`, never `1e20`, `1.5`, `-3`, `0x1f`
 * or a thousand digits), or undefined. Payload values are untrusted: a number the database
 * cannot hold must be refused here, not turn into a query error.
 */
export function positiveId(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 && value <= MAX_ID ? value : undefined;
  }
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number <= MAX_ID ? number : undefined;
}

/** Button values end with a number (a job or a conversation): `12`, or `decline:12` in "More actions". */
export function numberFromValue(value: string | undefined): number | undefined {
  return positiveId(value?.split(':').pop());
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

/** What a person is told when a button or a modal carries a value that names no record. */
export const DAMAGED_VALUE =
  ":warning: That didn't say which job or conversation it is about, so nothing was done. Use the latest card, or `/jobs show J-…`.";

/** What a modal shows on its field when its private_metadata names no record. */
export const DAMAGED_MODAL =
  "This form doesn't say which job or conversation it is about, so nothing was sent. Close it and start again from the card.";
