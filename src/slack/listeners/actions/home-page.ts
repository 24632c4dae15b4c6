import { z } from 'zod';
import { HOME_SECTIONS } from '../../../services/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { refreshHome } from '../../home.ts';
import { homePagesOf, refuseDamaged } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

const list = z.enum(HOME_SECTIONS);
const offset = z.coerce.number().int().nonnegative();

/** `<list>:<offset>`, as the builder writes it; anything else is refused (see refuseDamaged). */
function parsePage(value: string | undefined) {
  const [name, at] = (value ?? '').split(':');
  const parsedList = list.safeParse(name);
  const parsedOffset = offset.safeParse(at);
  return parsedList.success && parsedOffset.success
    ? { list: parsedList.data, offset: parsedOffset.data }
    : undefined;
}

/** Previous/Next on an App Home list: the same Home with that list at another page. */
export function homePage(deps: SlackDeps) {
  return async (args: ActionArgs) => {
    await args.ack();
    const page = parsePage(elementValue(args.action));
    if (!page) return refuseDamaged(args, deps);
    const pages = { ...homePagesOf(args), [page.list]: page.offset };
    try {
      await refreshHome(deps, args.client, args.body.user.id, pages);
    } catch (error) {
      deps.logger.error({ err: error }, 'could not page App Home');
    }
  };
}
