import { jobListMessage } from '../../views/job-list.ts';
import { type CommandContext, defineSubcommand } from '../command.ts';
import { type ListCommand, readFilters } from '../read.ts';

const SHOWN = 40;

/** `/jobs list …`, `/jobs mine` and the bare filters (`/jobs awaiting`). */
export async function listJobs(ctx: CommandContext, command: ListCommand): Promise<void> {
  const { services, workspaceId, now } = ctx.deps;
  const page = await services.listJobs(workspaceId, {
    statuses: command.statuses,
    ...(command.mine ? { assignee: ctx.userId } : {}),
    unassigned: command.unassigned,
    limit: SHOWN,
  });
  const words = [
    command.mine ? 'your' : '',
    command.unassigned ? 'unassigned' : '',
    command.statuses.length ? command.statuses.join(' or ').replaceAll('_', ' ') : '',
  ].filter(Boolean);
  await ctx.reply(
    jobListMessage({
      heading: words.length ? `Jobs: ${words.join(', ')}` : 'All jobs',
      jobs: page.jobs,
      total: page.total,
      totalIsMinimum: page.totalIsMinimum,
      now: now(),
      emptyText: 'No job matches.',
    }),
  );
}

export const listCommand = defineSubcommand<ListCommand>({
  kind: 'list',
  words: ['list'],
  help: [['list [status…] [mine] [unassigned]', 'Filter jobs by status, yours, or nobody’s']],
  parse: ({ args }) => readFilters(args),
  run: listJobs,
});
