import type { RespondFn } from '@slack/bolt';
import type { SlackMessage } from './views/blocks.ts';

/** An answer only the clicking person sees, leaving the card they clicked untouched. */
export async function tell(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}

/** Like tell, with blocks (buttons that only the clicking person should see). */
export async function tellBlocks(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, ...message });
}
