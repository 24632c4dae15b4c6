import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { publishHome } from '../../home.ts';
import { actorOf } from '../../payload.ts';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/**
 * The person looks at the Home tab: publish it as it is now. Bolt has already acked the event;
 * the view is published inline because the person is looking at it right now, rather than
 * queued behind card deliveries. Opening the Messages tab publishes nothing.
 */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: HomeOpenedArgs) => {
    if (event.tab !== 'home') return;
    try {
      const home = await deps.services.openHome(actorOf(deps, event.user));
      await publishHome(deps, client, home);
    } catch (error) {
      deps.logger.error({ err: error, userId: event.user }, 'could not publish App Home');
    }
  };
}
