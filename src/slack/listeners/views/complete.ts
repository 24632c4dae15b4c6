import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { checkedOf } from '../../view-state.ts';
import { recordOf, type SubmitArgs, submit } from './types.ts';

/** Marks the job complete, asking the merchant for a review when the box is ticked. */
export function completeSubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const job = await recordOf(args, deps, 'job', INPUTS.completeReview.block);
    if (job === undefined) return;
    const askForReview = checkedOf(args.view, INPUTS.completeReview).length > 0;
    await submit(args, deps, INPUTS.completeReview.block, () =>
      deps.services.markComplete(
        { workspaceId: deps.workspaceId, userId: args.body.user.id },
        job,
        { askForReview },
      ),
    );
  };
}
