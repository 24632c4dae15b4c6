import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { metadataOf } from '../../payload.ts';
import { textOf } from '../../view-state.ts';
import { type SubmitArgs, submit } from './types.ts';

/** Sends an answer on a conversation without a job; "can't help" also closes it on our side. */
export function inquirySubmitted(deps: SlackDeps, options: { cantHelp: boolean }) {
  return async (args: SubmitArgs) => {
    const { conversation } = metadataOf(args.view);
    await submit(args, deps, INPUTS.replyBody.block, () =>
      deps.services.replyToInquiry(
        { workspaceId: deps.workspaceId, userId: args.body.user.id },
        Number(conversation),
        textOf(args.view, INPUTS.replyBody),
        options,
      ),
    );
  };
}
