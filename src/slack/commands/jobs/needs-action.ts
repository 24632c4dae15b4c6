import { type JobStatus, OPEN_STATUSES } from '../../../domain/index.ts';
import { jobListMessage } from '../../views/job-list.ts';
import { defineSubcommand } from '../command.ts';

const NEEDS_ACTION: JobStatus[] = ['awaiting_response', 'new', 'opened'];

/** `/jobs` alone: my jobs waiting on the team first, then open jobs nobody has taken. */
export const needsActionCommand = defineSubcommand<{ kind: 'needs_action' }>({
  kind: 'needs_action',
  // No word: it is what `/jobs` with nothing after it does.
  words: [],
  help: [['', 'Your jobs that need action']],
  parse: () => ({ kind: 'needs_action' }),
  async run(ctx) {
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
  },
});
