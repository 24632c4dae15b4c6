import { formatJobRef } from '../../../domain/index.ts';
import { jobReadyFor } from '../../listeners/actions/guard.ts';
import { actorOf } from '../../payload.ts';
import { plainFromSlack } from '../../slack-text.ts';
import { replyModal } from '../../views/modals.ts';
import { defineSubcommand } from '../command.ts';
import { firstJob, textAfter } from '../read.ts';

/** No `message`: the reply modal asks for one. */
export interface ReplyCommand {
  kind: 'reply';
  job: number;
  message?: string;
}

/** `/jobs reply J-12 [message]`: sends at once, or opens the reply modal when there is no text. */
export const replyCommand = defineSubcommand<ReplyCommand>({
  kind: 'reply',
  words: ['reply'],
  help: [['reply J-12 [message]', 'Write to the merchant (without a message: opens a form)']],
  urgent: true,
  parse({ text, word, args }) {
    const found = firstJob({ word, example: ' [message]' }, args);
    if ('kind' in found) return found;
    const message = textAfter(text, found.token);
    return message ? { kind: 'reply', job: found.job, message } : { kind: 'reply', job: found.job };
  },
  async run(ctx, command) {
    if (!command.message) {
      const { job, merchant } = await jobReadyFor(ctx.deps, command.job, 'team_message');
      await ctx.args.client.views.open({
        trigger_id: ctx.args.command.trigger_id,
        view: replyModal({ job, merchant }),
      });
      return;
    }
    const { job } = await ctx.deps.services.replyToJob(
      actorOf(ctx.deps, ctx.userId),
      command.job,
      plainFromSlack(command.message),
      { once: { triggerId: ctx.args.command.trigger_id } },
    );
    await ctx.reply({
      text: `:speech_balloon: Sent to the merchant of ${formatJobRef(job.number)}.`,
    });
  },
});
