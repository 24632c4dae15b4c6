import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { textOf } from '../../view-state.ts';
import { recordOf, type SubmitArgs, submit } from './types.ts';

/** Sends the reply written in the reply modal of a job. */
export function replySubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const job = await recordOf(args, deps, 'job', INPUTS.replyBody.block);
    if (job === undefined) return;
    await submit(args, deps, INPUTS.replyBody.block, () =>
      deps.services.replyToJob(
        { workspaceId: deps.workspaceId, userId: args.body.user.id },
        job,
        textOf(args.view, INPUTS.replyBody),
        { once: { viewId: args.view.id } },
      ),
    );
  };
}
