import type { KnownBlock } from '@slack/types';
import { effectiveStatus, formatJobRef, JOB_STATUSES, type Job } from '../../domain/index.ts';
import type { TeamStats } from '../../services/index.ts';
import { JOBS_COMMAND } from '../ids.ts';
import { fitMrkdwn, MAX_SECTION_TEXT } from '../mrkdwn.ts';
import { chunkLines, context, divider, type SlackMessage, section } from './blocks.ts';
import { deadlineText, mentionList, titleText } from './job-facts.ts';
import { STATUS_DISPLAY, statusText } from './status-display.ts';

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

export interface HelpInput {
  /** mrkdwn shown first, e.g. why the command was not understood (escape what the user typed). */
  intro?: string;
}

const COMMANDS: [usage: string, what: string][] = [
  ['', 'Your jobs that need action'],
  ['list [status…] [mine] [unassigned]', 'Filter jobs by status, yours, or nobody’s'],
  ['mine', 'Jobs assigned to you'],
  ['show J-12', 'A job with its conversation'],
  ['assign J-12 @a @b | me', 'Assign people (or yourself); they get a DM'],
  ['unassign J-12 @a | me', 'Take people (or yourself) off a job'],
  ['decline J-12 [reason]', 'Decline a job, with a reason'],
  ['inactive J-12', 'Mark a job inactive; you can still write to the merchant'],
  ['complete J-12', 'Mark a job complete'],
  ['reopen J-12', 'Reactivate an inactive job'],
  ['reply J-12 [message]', 'Write to the merchant (without a message: opens a form)'],
  ['new', 'Log a job that came by email or phone (opens a form)'],
  ['prefs', 'Team preferences (admins)'],
  ['stats', 'Jobs by status, what the team declines, how fast it answers'],
  ['settings', 'Which DMs jobdesk sends you'],
  ['channel', 'Post job cards in this channel (admins)'],
  ['admins [add|remove @a]', 'See or change who the admins are (admins change them)'],
  ['outbox', 'Deliveries to Slack that kept failing, with a Retry button (admins)'],
  ['help', 'This list'],
];

/** Every `/jobs` command with one line each; also the answer to anything not understood. */
export function helpMessage({ intro }: HelpInput = {}): SlackMessage {
  const lines = COMMANDS.map(([usage, what]) => {
    const command = usage ? `${JOBS_COMMAND} ${usage}` : JOBS_COMMAND;
    return `\`${command}\` — ${what}`;
  });
  const statuses = JOB_STATUSES.map((s) => (s === 'awaiting_response' ? 'awaiting' : s)).join(', ');
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(section(`*${JOBS_COMMAND} commands*`));
  for (const chunk of chunkLines(lines)) blocks.push(section(chunk));
  blocks.push(context(`Statuses: ${statuses}. Jobs are written J-12, j12, #12 or 12.`));
  return { text: `${JOBS_COMMAND} commands`, blocks };
}

export interface UsageInput {
  /** What went wrong and how to do it, mrkdwn (escape what the user typed). */
  problem: string;
  /** The closest command, when the first word was mistyped. */
  suggestion?: string | undefined;
}

/**
 * The answer to a command that was not understood: what went wrong and how to do it, then where
 * the rest is. Two lines, not the whole help: the person was in the middle of something.
 */
export function usageMessage({ problem, suggestion }: UsageInput): SlackMessage {
  const guess = suggestion ? ` Did you mean \`${JOBS_COMMAND} ${suggestion}\`?` : '';
  const text = `${problem}${guess}\n\`${JOBS_COMMAND} help\` lists every command.`;
  return { text, blocks: [section(text)] };
}

const DECLINES_SHOWN = 10;

/** "3 h 12 min", "45 min", "under a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** The numbers the team watches: jobs by status, what it declines most, how fast it answers. */
export function statsMessage(stats: TeamStats): SlackMessage {
  const total = JOB_STATUSES.reduce((sum, s) => sum + (stats.byStatus[s] ?? 0), 0);
  const statusLines = JOB_STATUSES.map((s) => `${statusText(s)}: *${stats.byStatus[s] ?? 0}*`);

  const declines = [...stats.declinesByService].sort((a, b) => b.count - a.count);
  const shown = declines.slice(0, DECLINES_SHOWN);
  const declineLines = shown.length
    ? shown.map(
        (d) =>
          `• ${d.service?.trim() ? fitMrkdwn(d.service.trim(), 100).text : '_No service given_'}: *${d.count}*`,
      )
    : ['_Nothing declined yet_'];
  if (declines.length > shown.length) {
    declineLines.push(`_and ${declines.length - shown.length} more services_`);
  }

  const median =
    stats.medianFirstResponseMs === null
      ? '_No answered jobs yet_'
      : `*${formatDuration(stats.medianFirstResponseMs)}* (median over ${stats.answered} answered job${stats.answered === 1 ? '' : 's'})`;

  const blocks: KnownBlock[] = [
    section(`*Jobs by status* (${total} in all)`),
    section(statusLines.join('\n')),
    divider(),
    section(`*Declines by service*\n${declineLines.join('\n')}`),
    divider(),
    section(`*Time to first response*\n${median}`),
  ];
  return { text: `Team stats: ${total} jobs`, blocks };
}
