import type { HomePages } from '../../../services/home.ts';
import { metadataOf } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { noticeModal } from '../../views/app-home.ts';
import type { ActionArgs } from './types.ts';

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

/** The pages a clicked App Home showed, from its private_metadata; undefined off App Home. */
export function homePagesOf(args: ActionArgs): HomePages | undefined {
  const view = args.body.view;
  if (view?.type !== 'home') return undefined;
  const pages: HomePages = {};
  for (const [name, offset] of Object.entries(metadataOf(view))) {
    if (typeof offset === 'number') pages[name as keyof HomePages] = offset;
  }
  return pages;
}
