import { OPEN_STATUSES } from '../../../domain/index.ts';
import { refusedAssignees, refusedLines } from '../../assignable.ts';
import { mention } from '../../mrkdwn.ts';
import { defineSubcommand } from '../command.ts';
import { readNothing } from '../read.ts';

/**
 * `/jobs whoami`: who you are to jobdesk — admin or member, whether you can be assigned (the same
 * rule and users.info lookup as assigning), and how many open jobs are yours.
 */
export const whoamiCommand = defineSubcommand<{ kind: 'whoami' }>({
  kind: 'whoami',
  words: ['whoami'],
  help: [['whoami', 'Who you are to jobdesk: admin or member, and your open jobs']],
  parse: ({ word, args }) => readNothing(word, args) ?? { kind: 'whoami' },
  async run(ctx) {
    const { services, workspaceId } = ctx.deps;
    const [admin, refused, open] = await Promise.all([
      services.isAdmin(workspaceId, ctx.userId),
      refusedAssignees(ctx.deps, ctx.args.client, [ctx.userId]),
      services.listJobs(workspaceId, {
        statuses: [...OPEN_STATUSES],
        assignee: ctx.userId,
        limit: 1,
      }),
    ]);
    const count = `${open.total}${open.totalIsMinimum ? '+' : ''}`;
    await ctx.reply({
      text: [
        `:bust_in_silhouette: You are ${mention(ctx.userId)}, a jobdesk ${admin ? 'admin' : 'member'}.`,
        ...(refusedLines(refused).length
          ? refusedLines(refused)
          : ['You can be assigned jobs and act on them.']),
        `Open jobs assigned to you: *${count}* (\`/jobs mine\` lists them).`,
      ].join('\n'),
    });
  },
});
