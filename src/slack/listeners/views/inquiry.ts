import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { textOf } from '../../view-state.ts';
import { recordOf, type SubmitArgs, submit } from './types.ts';

/** Sends an answer on a conversation without a job; "can't help" also closes it on our side. */
export function inquirySubmitted(deps: SlackDeps, options: { cantHelp: boolean }) {
  return async (args: SubmitArgs) => {
    const conversation = await recordOf(args, deps, 'conversation', INPUTS.replyBody.block);
    if (conversation === undefined) return;
    await submit(args, deps, INPUTS.replyBody.block, () =>
      deps.services.replyToInquiry(
        { workspaceId: deps.workspaceId, userId: args.body.user.id },
        conversation,
        textOf(args.view, INPUTS.replyBody),
        { ...options, once: { viewId: args.view.id } },
      ),
    );
  };
}
