import type { SlackDeps } from '../../deps.ts';
import { numberFromValue } from '../../payload.ts';
import { emailModal } from '../../views/email-modal.ts';
import { type ActionArgs, elementValue } from './types.ts';

/** A button in the job details: the email, whole, pushed over the details modal. */
export function readEmail(deps: SlackDeps) {
  return async ({ ack, body, action, client }: ActionArgs) => {
    await ack();
    const id = numberFromValue(elementValue(action));
    if (!id) return;
    const email = await deps.services.getEmail(deps.workspaceId, id);
    if (!email) return;
    await client.views.push({ trigger_id: body.trigger_id, view: emailModal(email) });
  };
}
