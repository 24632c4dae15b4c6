import { isDeclineReason } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { selectedOf, textOf } from '../../view-state.ts';
import { fieldErrors, recordOf, type SubmitArgs, submit } from './types.ts';

/** Declines the job with the reason and note of the decline modal. */
export function declineSubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const job = await recordOf(args, deps, 'job', INPUTS.declineReason.block);
    if (job === undefined) return;
    const reason = selectedOf(args.view, INPUTS.declineReason);
    if (!isDeclineReason(reason)) {
      await args.ack(fieldErrors({ [INPUTS.declineReason.block]: 'Pick a reason' }));
      return;
    }
    await submit(args, deps, INPUTS.declineNote.block, () =>
      deps.services.declineJob({ workspaceId: deps.workspaceId, userId: args.body.user.id }, job, {
        reason,
        note: textOf(args.view, INPUTS.declineNote),
      }),
    );
  };
}
