import type { HomePages } from '../../../services/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain, isExpiredTrigger } from '../../errors.ts';
import { DAMAGED_VALUE, metadataOf, positiveId } from '../../payload.ts';
import { tell, tellBlocks } from '../../respond.ts';
import { noticeModal } from '../../views/app-home.ts';
import { expiredTriggerMessage, type RetryClick } from '../../views/expired-trigger.ts';
import { type ActionArgs, elementValue } from './types.ts';

/**
 * Answers a click only the clicking person should see: ephemerally under a message, or in a
 * small modal where there is no response_url (App Home).
 */
export async function answer(args: ActionArgs, title: string, text: string): Promise<void> {
  if (args.respond) {
    await tell(args.respond, text);
    return;
  }
  await args.client.views.open({
    trigger_id: args.body.trigger_id,
    view: noticeModal(title, text),
  });
}

/**
 * Tells the clicking person, ephemerally, why their click did nothing. When Slack refused the
 * modal because the click's trigger expired, the answer carries the same button again.
 */
export async function tellFailure(
  args: ActionArgs,
  deps: SlackDeps,
  error: unknown,
): Promise<void> {
  const text = explain(error, deps.logger);
  const retry = retryOf(args, error);
  if (retry) await tellBlocks(args.respond, expiredTriggerMessage(text, retry));
  else await tell(args.respond, text);
}

/** Like tellFailure where the click may come from App Home (no response_url: a notice modal). */
export async function answerFailure(
  args: ActionArgs,
  deps: SlackDeps,
  title: string,
  error: unknown,
): Promise<void> {
  if (args.respond !== undefined) return tellFailure(args, deps, error);
  await answer(args, title, explain(error, deps.logger));
}

/** The clicked element again, when its modal could not open for an expired trigger. */
function retryOf(args: ActionArgs, error: unknown): RetryClick | undefined {
  if (!isExpiredTrigger(error)) return undefined;
  const value = elementValue(args.action);
  return value === undefined ? undefined : { actionId: args.action.action_id, value };
}

/**
 * A click whose value names no job or conversation (a forged or damaged payload): the person is
 * told nothing was done. Not an error of ours, so no error log and no "something went wrong".
 */
export async function refuseDamaged(args: ActionArgs, deps: SlackDeps): Promise<void> {
  deps.logger.info(
    { actionId: args.action.action_id },
    'refused a click whose value names nothing',
  );
  await answer(args, 'Nothing done', DAMAGED_VALUE).catch((e: unknown) =>
    deps.logger.warn({ err: e }, 'could not answer a click'),
  );
}

/** The pages a clicked App Home showed, from its private_metadata; undefined off App Home. */
export function homePagesOf(args: ActionArgs): HomePages | undefined {
  const view = args.body.view;
  if (view?.type !== 'home') return undefined;
  const pages: HomePages = {};
  for (const [name, offset] of Object.entries(metadataOf(view))) {
    // An offset must be a whole number we could have written (0 is the first page).
    if (offset === 0 || positiveId(offset) !== undefined) {
      pages[name as keyof HomePages] = offset as number;
    }
  }
  return pages;
}
