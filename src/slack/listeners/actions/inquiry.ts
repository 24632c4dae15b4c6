import type { SlackDeps } from '../../deps.ts';
import { numberFromValue } from '../../payload.ts';
import { tell } from '../../respond.ts';
import { cantHelpModal, inquiryReplyModal, newJobModal } from '../../views/modals.ts';
import { refuseDamaged, tellFailure } from './answer.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** Reply, Can't help and Create job on an inquiry card (a conversation without a job). */
export function inquiryAction(deps: SlackDeps, kind: 'reply' | 'cant_help' | 'create_job') {
  return async (args: ActionArgs) => {
    const { ack, body, action, client, respond } = args;
    await ack();
    const conversationId = numberFromValue(elementValue(action));
    if (!conversationId) return refuseDamaged(args, deps);
    try {
      const { conversation, merchant, job } = await deps.services.getConversation(
        deps.workspaceId,
        conversationId,
        { limit: 0, offset: 0 },
      );
      if (job) {
        await tell(respond, `This conversation has a job now (J-${job.number}): use its card.`);
        return;
      }
      const view =
        kind === 'reply'
          ? inquiryReplyModal({ conversation, merchant })
          : kind === 'cant_help'
            ? cantHelpModal({ conversation, merchant })
            : newJobModal(
                await deps.services.jobDraftFromInquiry(deps.workspaceId, conversationId),
              );
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await tellFailure(args, deps, error);
    }
  };
}
