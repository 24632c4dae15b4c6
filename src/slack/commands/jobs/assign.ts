import { formatJobRef } from '../../../domain/index.ts';
import { refusedAssignees, refusedLines } from '../../assignable.ts';
import { mention } from '../../mrkdwn.ts';
import { actorOf } from '../../payload.ts';
import { type CommandContext, defineSubcommand } from '../command.ts';
import { type JobAndPeople, readJobAndPeople } from '../read.ts';

export interface AssignCommand extends JobAndPeople {
  kind: 'assign';
}

/**
 * Adds or removes assignees and says who is on the job now. When adding, people who may not act
 * are not assigned (the actor is told who and why); the others in the same command still are.
 */
export async function changeAssignees(
  ctx: CommandContext,
  command: JobAndPeople,
  mode: 'add' | 'remove',
): Promise<void> {
  const users = [...command.users, ...(command.includeMe ? [ctx.userId] : [])];
  const refused =
    mode === 'add'
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
    mode,
  );
  const who = job.assignees.length ? job.assignees.map(mention).join(', ') : 'nobody';
  await ctx.reply({
    text: [
      ...lines,
      `:busts_in_silhouette: ${formatJobRef(job.number)} is assigned to ${who}.`,
    ].join('\n'),
  });
}

/** `/jobs assign J-12 @a @b me`. */
export const assignCommand = defineSubcommand<AssignCommand>({
  kind: 'assign',
  words: ['assign'],
  help: [['assign J-12 @a @b | me', 'Assign people (or yourself); they get a DM']],
  parse({ word, args }) {
    const found = readJobAndPeople(word, args);
    return 'kind' in found ? found : { kind: 'assign', ...found };
  },
  run: (ctx, command) => changeAssignees(ctx, command, 'add'),
});
