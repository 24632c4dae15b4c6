import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { DomainError } from '../../../domain/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { explain } from '../../errors.ts';
import { DAMAGED_MODAL, metadataOf, positiveId } from '../../payload.ts';

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Shows messages on the modal's fields (block id → message); the modal stays open. */
export function fieldErrors(errors: Record<string, string>) {
  return { response_action: 'errors' as const, errors };
}

/**
 * Runs a submission's use case. A refusal is shown on `field` (or on the block its
 * `fieldErrors` name) so the person can fix it or read why, without losing what they wrote.
 */
export async function submit(
  args: SubmitArgs,
  deps: SlackDeps,
  field: string,
  work: () => Promise<unknown>,
  /** Where a field error of the use case goes: the block, and the words shown there. */
  place: (path: string, message: string) => [block: string, text: string] = (_, message) => [
    field,
    message,
  ],
): Promise<void> {
  try {
    await work();
    await args.ack();
  } catch (error) {
    const perField = error instanceof DomainError ? error.details.fieldErrors : undefined;
    if (perField && typeof perField === 'object') {
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(perField as Record<string, string>)) {
        const [block, text] = place(path, message);
        errors[block] = errors[block] ? `${errors[block]} · ${text}` : text;
      }
      await args.ack(fieldErrors(errors));
      return;
    }
    await args.ack(fieldErrors({ [field]: plain(explain(error, deps.logger)) }));
  }
}

/**
 * The record a modal is about, from its private_metadata (`{"job":12}`); when that is not a
 * safe positive id (forged, damaged), the modal says so on `field` and undefined comes back.
 */
export async function recordOf(
  args: SubmitArgs,
  deps: SlackDeps,
  key: 'job' | 'conversation',
  field: string,
): Promise<number | undefined> {
  const id = positiveId(metadataOf(args.view)[key]);
  if (id === undefined) {
    deps.logger.info({ callbackId: args.view.callback_id }, 'refused a modal that names nothing');
    await args.ack(fieldErrors({ [field]: DAMAGED_MODAL }));
  }
  return id;
}

/** Field errors are plain text: drop the emoji code that leads our messages. */
function plain(text: string): string {
  return text.replace(/^:[a-z_]+: /, '');
}
