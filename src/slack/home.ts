import type { WebClient } from '@slack/web-api';
import type { Home, HomePages } from '../services/index.ts';
import type { SlackDeps } from './deps.ts';
import { appHomeView } from './views/app-home.ts';

/** Publishes `home` as the person's App Home tab. */
export async function publishHome(deps: SlackDeps, client: WebClient, home: Home): Promise<void> {
  await client.views.publish({
    user_id: home.userId,
    view: appHomeView({ home, now: deps.now() }),
  });
}

/** Reads one person's Home as it is now, at the pages given, and publishes it. */
export async function refreshHome(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
  pages: HomePages = {},
): Promise<void> {
  await publishHome(deps, client, await deps.services.getHome(deps.workspaceId, userId, pages));
}
