import {
  type DeclineReasonMatch,
  formatJobRef,
  matchDeclineReason,
} from '../../../domain/index.ts';
import { jobReadyFor } from '../../listeners/actions/guard.ts';
import { actorOf } from '../../payload.ts';
import { plainFromSlack } from '../../slack-text.ts';
import { declineModal } from '../../views/modals.ts';
import { defineSubcommand } from '../command.ts';
import { firstJob, usage } from '../read.ts';

/** No `reason`: the decline modal asks for one. */
export interface DeclineCommand {
  kind: 'decline';
  job: number;
  reason?: DeclineReasonMatch;
}

/** `/jobs decline J-12 [reason]`. */
export const declineCommand = defineSubcommand<DeclineCommand>({
  kind: 'decline',
  words: ['decline'],
  help: [['decline J-12 [reason]', 'Decline a job, with a reason']],
  urgent: true,
  parse({ text, word, args }) {
    const found = firstJob({ word, example: ' [reason]', listHint: 'declined' }, args);
    if ('kind' in found) return found;
    const said = text
      .slice(found.token.end)
      .trim()
      .replace(/^[:\-–—]+\s*/, '');
    if (!said) return { kind: 'decline', job: found.job };
    const reason = matchDeclineReason(said);
    if (reason.key === 'other' && !reason.note) {
      return usage(`Say why after \`other\`: /jobs ${word} J-12 other: the merchant went quiet`);
    }
    return { kind: 'decline', job: found.job, reason };
  },
  async run(ctx, command) {
    if (!command.reason) {
      const { job } = await jobReadyFor(ctx.deps, command.job, 'decline');
      await ctx.args.client.views.open({
        trigger_id: ctx.args.command.trigger_id,
        view: declineModal({ job }),
      });
      return;
    }
    const job = await ctx.deps.services.declineJob(actorOf(ctx.deps, ctx.userId), command.job, {
      reason: command.reason.key,
      note: command.reason.note && plainFromSlack(command.reason.note),
    });
    await ctx.reply({ text: `:no_entry_sign: ${formatJobRef(job.number)} is declined.` });
  },
});
