import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Refusal, refusalFor } from '../domain/index.ts';
import type { SlackDeps } from './deps.ts';
import { REFUSAL_TEXT } from './refusal-text.ts';

interface Attempt {
  userId: string;
  /** The team Slack says the person acts from (Slack Connect users carry their own). */
  teamId: string | undefined;
  /** What they tried, for the audit log: a command, an action id or a modal. */
  attempted: string;
}

/** Who is acting and on what, for every kind of payload jobdesk handles. */
function attemptOf(body: Record<string, unknown>): Attempt | undefined {
  const user = body.user as { id?: string; team_id?: string } | undefined;
  if (typeof body.command === 'string' && typeof body.user_id === 'string') {
    return {
      userId: body.user_id,
      teamId: (body.user_team as string | undefined) ?? (body.team_id as string | undefined),
      attempted: `${body.command} ${String(body.text ?? '')}`.trim(),
    };
  }
  if (user?.id) {
    const actions = body.actions as { action_id?: string }[] | undefined;
    const view = body.view as { callback_id?: string } | undefined;
    return {
      userId: user.id,
      teamId: user.team_id ?? (body.team as { id?: string } | undefined)?.id,
      attempted: actions?.[0]?.action_id ?? view?.callback_id ?? String(body.type),
    };
  }
  const event = body.event as { type?: string; user?: string } | undefined;
  if (event?.user) return { userId: event.user, teamId: undefined, attempted: String(event.type) };
  return undefined;
}

/**
 * Only full members of the installing workspace act on jobs. Anyone else is turned away before
 * any listener runs, with an explanation only they see, an entry in the audit log, and no change.
 */
export function onlyMembers(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  const { people } = deps;
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const attempt = attemptOf(body);
    if (!attempt) return args.next();

    let refusal: Refusal | undefined;
    if (attempt.teamId && attempt.teamId !== deps.workspaceId) {
      refusal = 'external';
    } else {
      try {
        const person = await withinAckTime(
          people.lookup(args.client as unknown as WebClient, attempt.userId),
        );
        refusal = refusalFor(person, deps.workspaceId);
      } catch (error) {
        deps.logger.warn({ err: error, userId: attempt.userId }, 'could not look up a person');
        refusal = 'unverified';
      }
    }
    if (!refusal) return args.next();

    // The command's words, not what followed them: `/jobs reply J-1 <text for the merchant>`.
    const attempted = attempt.attempted.split(/\s+/).slice(0, 2).join(' ');
    deps.logger.info(
      { userId: attempt.userId, teamId: attempt.teamId, attempted, refusal },
      'refused',
    );
    await refuse(args, body, REFUSAL_TEXT[refusal]);
    await deps.services
      .recordRefusal(
        { workspaceId: deps.workspaceId, userId: attempt.userId },
        {
          reason: refusal,
          attempted: attempt.attempted,
        },
      )
      .catch((error: unknown) => deps.logger.error({ err: error }, 'could not audit a refusal'));
  };
}

/**
 * Slack wants an ack within 3 seconds and the check runs before it. A slow users.info turns into
 * "try again" (the lookup goes on and fills the cache, so the retry is instant).
 */
const LOOKUP_BUDGET_MS = 1500;

function withinAckTime<T>(lookup: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('users.info took too long')), LOOKUP_BUDGET_MS);
  });
  return Promise.race([lookup, late]).finally(() => clearTimeout(timer));
}

/** Answers the refused request the way its kind of payload allows. */
async function refuse(args: AnyMiddlewareArgs, body: Record<string, unknown>, text: string) {
  const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
  if (body.type === 'view_submission') {
    // A modal can only show field errors: put the explanation on its first input.
    const blocks = (body.view as { blocks?: { type: string; block_id?: string }[] }).blocks ?? [];
    const field = blocks.find((b) => b.type === 'input')?.block_id;
    await ack?.(field ? { response_action: 'errors', errors: { [field]: text } } : undefined);
    return;
  }
  await ack?.();
  const respond =
    'respond' in args ? (args.respond as unknown as (m: unknown) => Promise<unknown>) : undefined;
  if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text });
}
