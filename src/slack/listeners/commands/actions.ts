import { formatJobRef, STATUS_LABELS } from '../../../domain/index.ts';
import { refusedAssignees, refusedLines } from '../../assignable.ts';
import type {
  AssignCommand,
  DeclineCommand,
  ReplyCommand,
} from '../../commands/parse-jobs-command.ts';
import { mention } from '../../mrkdwn.ts';
import { actorOf } from '../../payload.ts';
import { plainFromSlack } from '../../slack-text.ts';
import { declineModal, replyModal } from '../../views/modals.ts';
import { jobReadyFor } from '../actions/guard.ts';
import type { CommandContext } from './types.ts';

/**
 * `/jobs assign|unassign J-12 @a @b me`. People who may not act are not assigned (the actor is
 * told who and why); the others in the same command still are.
 */
export async function assign(ctx: CommandContext, command: AssignCommand): Promise<void> {
  const users = [...command.users, ...(command.includeMe ? [ctx.userId] : [])];
  const refused =
    command.kind === 'assign'
      ? await refusedAssignees(
          ctx.deps,
          ctx.args.client,
          users.filter((u) => u !== ctx.userId),
        )
      : {};
  const lines = refusedLines(refused);
  const eligible = users.filter((u) => !Object.hasOwn(refused, u));
  if (eligible.length === 0 && lines.length > 0) {
    await ctx.reply({ text: lines.join('\n') });
    return;
  }
  const job = await ctx.deps.services.changeAssignees(
    actorOf(ctx.deps, ctx.userId),
    command.job,
    eligible,
    command.kind === 'assign' ? 'add' : 'remove',
  );
  const who = job.assignees.length ? job.assignees.map(mention).join(', ') : 'nobody';
  await ctx.reply({
    text: [
      ...lines,
      `:busts_in_silhouette: ${formatJobRef(job.number)} is assigned to ${who}.`,
    ].join('\n'),
  });
}

/** `/jobs decline J-12 [reason]`: with no reason, the decline modal asks for one. */
export async function decline(ctx: CommandContext, command: DeclineCommand): Promise<void> {
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
}

/** `/jobs inactive|complete|reopen J-12`. */
export async function changeStatus(
  ctx: CommandContext,
  kind: 'inactive' | 'complete' | 'reopen',
  number: number,
): Promise<void> {
  const { services } = ctx.deps;
  const actor = actorOf(ctx.deps, ctx.userId);
  const job =
    kind === 'inactive'
      ? await services.markInactive(actor, number)
      : kind === 'complete'
        ? await services.markComplete(actor, number, { askForReview: true })
        : await services.reactivate(actor, number);
  await ctx.reply({
    text: `${formatJobRef(job.number)} is now ${STATUS_LABELS[job.status].toLowerCase()}.${
      kind === 'complete' ? ' The merchant will be asked for a review.' : ''
    }`,
  });
}

/** `/jobs reply J-12 [message]`: sends at once, or opens the reply modal when there is no text. */
export async function reply(ctx: CommandContext, command: ReplyCommand): Promise<void> {
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
}
