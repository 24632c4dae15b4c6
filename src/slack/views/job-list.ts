import type { KnownBlock } from '@slack/types';
import { effectiveStatus, formatJobRef, type Job } from '../../domain/index.ts';
import { JOBS_COMMAND } from '../ids.ts';
import { MAX_SECTION_TEXT } from '../mrkdwn.ts';
import { chunkLines, context, type SlackMessage, section } from './blocks.ts';
import { deadlineText, mentionList, titleText } from './job-facts.ts';
import { STATUS_DISPLAY } from './status-display.ts';

export interface JobListInput {
  /** mrkdwn written by the caller (escape anything a person typed). */
  heading: string;
  jobs: Job[];
  /** How many jobs match in all, of which `jobs` is the first page. */
  total: number;
  /** `total` is where counting stopped: at least that many match. */
  totalIsMinimum?: boolean;
  now: Date;
  /** mrkdwn shown when nothing matches. */
  emptyText: string;
}

/** Beyond this a list stops being scannable; filters are the way to the rest. */
export const MAX_LISTED_JOBS = 40;
const LIST_TITLE = 80;
const LIST_ASSIGNEES = 120;

/** One compact line: `:eyes: *J-12* Speed up my theme · @ada · answer by <date>`. */
export function jobLine(job: Job, now: Date): string {
  const status = effectiveStatus(job, now);
  const who = mentionList(job.assignees, LIST_ASSIGNEES, '_unassigned_');
  const deadline = deadlineText(job, now);
  const when = deadline ? ` · answer by ${deadline}` : '';
  return `${STATUS_DISPLAY[status].emoji} *${formatJobRef(job.number)}* ${titleText(job, LIST_TITLE)} · ${who}${when}`;
}

/** An ephemeral answer to `/jobs`, `/jobs mine`, `/jobs list …`. */
export function jobListMessage({
  heading,
  jobs,
  total,
  totalIsMinimum = false,
  now,
  emptyText,
}: JobListInput): SlackMessage {
  const blocks: KnownBlock[] = [section(heading)];
  if (jobs.length === 0) {
    blocks.push(section(emptyText));
    return { text: `${heading}: none`, blocks };
  }
  const listed = jobs.slice(0, MAX_LISTED_JOBS);
  // About 40 lines of at most ~450 characters: a handful of sections, far under 50 blocks.
  for (const chunk of chunkLines(
    listed.map((job) => jobLine(job, now)),
    MAX_SECTION_TEXT,
  )) {
    blocks.push(section(chunk));
  }
  const plus = totalIsMinimum ? '+' : '';
  const more = Math.max(0, total - listed.length);
  if (more > 0) {
    blocks.push(
      context(`and ${more}${plus} more — narrow with \`${JOBS_COMMAND} list &lt;status&gt;\``),
    );
  }
  const count = total === 1 && !plus ? '1 job' : `${total}${plus} jobs`;
  return { text: `${heading}: ${count}`, blocks };
}
