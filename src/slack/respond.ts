import type { RespondFn } from '@slack/bolt';

/** An answer only the clicking person sees, leaving the card they clicked untouched. */
export async function tell(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}
