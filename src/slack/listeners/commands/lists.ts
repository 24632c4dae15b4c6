import { type JobStatus, OPEN_STATUSES } from '../../../domain/index.ts';
import type { ListCommand } from '../../commands/parse-jobs-command.ts';
import { showJobDetails } from '../../job-details.ts';
import { jobListMessage } from '../../views/job-list.ts';
import type { CommandContext } from './types.ts';

const SHOWN = 40;
const NEEDS_ACTION: JobStatus[] = ['awaiting_response', 'new', 'opened'];

/** `/jobs`: my jobs waiting on the team first, then open jobs nobody has taken (nobody assigned). */
export async function needsAction(ctx: CommandContext): Promise<void> {
  const { services, workspaceId, now } = ctx.deps;
  const [mine, unassigned] = await Promise.all([
    services.listJobs(workspaceId, { statuses: NEEDS_ACTION, assignee: ctx.userId, limit: 15 }),
    services.listJobs(workspaceId, {
      statuses: [...OPEN_STATUSES],
      unassigned: true,
      limit: 15,
    }),
  ]);
  const first = jobListMessage({
    heading: 'Your jobs that need action',
    jobs: mine.jobs,
    total: mine.total,
    totalIsMinimum: mine.totalIsMinimum,
    now: now(),
    emptyText: 'Nothing waits on you.',
  });
  const second = jobListMessage({
    heading: 'Jobs nobody has taken',
    jobs: unassigned.jobs,
    total: unassigned.total,
    totalIsMinimum: unassigned.totalIsMinimum,
    now: now(),
    emptyText: 'Every open job has someone on it.',
  });
  await ctx.reply({
    text: `${first.text}\n${second.text}`,
    blocks: [...first.blocks, ...second.blocks],
  });
}

/** `/jobs list …` and `/jobs mine`. */
export async function list(ctx: CommandContext, command: ListCommand): Promise<void> {
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

/** `/jobs show J-12`: the details modal, as the card's Open shows it (without opening the job). */
export async function show(ctx: CommandContext, job: number): Promise<void> {
  await showJobDetails(ctx.deps, ctx.args.client, job, { triggerId: ctx.args.command.trigger_id });
}
