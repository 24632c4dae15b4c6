import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SlackDeps } from './deps.ts';

/** The Slack user and their home team behind any interactive payload. */
function personOf(body: Record<string, unknown>): { userId?: string; teamId?: string } {
  const user = body.user as { id?: string; team_id?: string } | undefined;
  if (user?.id)
    return { userId: user.id, teamId: user.team_id ?? (body.team as { id?: string })?.id };
  if (typeof body.user_id === 'string') {
    // Slash commands name the user's own team in `user_team` when it differs (Slack Connect).
    return { userId: body.user_id, teamId: (body.user_team as string) ?? (body.team_id as string) };
  }
  return {};
}

/**
 * Only people of the installing workspace act on jobs: anyone from another workspace (Slack
 * Connect) is refused before any listener runs, and nothing changes.
 */
export function onlyOurWorkspace(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const { userId, teamId } = personOf(body);
    if (!userId || !teamId || teamId === deps.workspaceId) {
      await args.next();
      return;
    }
    deps.logger.warn({ userId, teamId }, 'refused a person from another workspace');
    const text = `:lock: Only members of this workspace can work on jobs here.`;
    if ('ack' in args && typeof args.ack === 'function') {
      if (body.type === 'view_submission') {
        await (args.ack as (r: unknown) => Promise<void>)({
          response_action: 'errors',
          errors: {},
        });
      } else {
        await (args.ack as () => Promise<void>)();
      }
    }
    if ('respond' in args && typeof args.respond === 'function') {
      await (args.respond as unknown as (m: unknown) => Promise<void>)({
        response_type: 'ephemeral',
        replace_original: false,
        text,
      });
    }
  };
}
