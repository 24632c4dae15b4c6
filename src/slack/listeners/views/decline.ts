import { DECLINE_REASONS, type DeclineReason } from '../../../services/change-status.ts';
import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { metadataOf } from '../../payload.ts';
import { selectedOf, textOf } from '../../view-state.ts';
import { fieldErrors, type SubmitArgs, submit } from './types.ts';

/** Declines the job with the reason and note of the decline modal. */
export function declineSubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const { job } = metadataOf(args.view);
    const reason = selectedOf(args.view, INPUTS.declineReason);
    if (!reason || !(reason in DECLINE_REASONS)) {
      await args.ack(fieldErrors({ [INPUTS.declineReason.block]: 'Pick a reason' }));
      return;
    }
    await submit(args, deps, INPUTS.declineNote.block, () =>
      deps.services.declineJob(
        { workspaceId: deps.workspaceId, userId: args.body.user.id },
        Number(job),
        { reason: reason as DeclineReason, note: textOf(args.view, INPUTS.declineNote) },
      ),
    );
  };
}
