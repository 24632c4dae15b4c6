import type { KnownBlock } from '@slack/types';
import { formatJobRef, type Job, type JobStatus } from '../../domain/index.ts';
import { MAX_MESSAGE_BLOCKS, slackDate } from '../mrkdwn.ts';
import { chunkLines, context, divider, type SlackMessage, section } from './blocks.ts';
import { mentionList, titleText } from './job-facts.ts';
import { STATUS_DISPLAY, statusText } from './status-display.ts';

export interface DigestInput {
  /** The local day it is for, `YYYY-MM-DD`, and its time zone. */
  day: string;
  timeZone: string;
  byStatus: Partial<Record<JobStatus, number>>;
  /** Jobs that expired unanswered since the previous digest. */
  expiredSince: Job[];
  expiredTotal: number;
  /** Jobs where the team owes the next move, the longest waiting first, with since when. */
  waiting: { job: Job; since: Date }[];
  waitingTotal: number;
  /** Jobs whose 72 hours run out before the day ends, soonest first. */
  expiringToday: Job[];
  expiringTotal: number;
  now: Date;
}

const LIST_MAX = 10;

function jobLine(job: Job, tail: string): string {
  const who = job.assignees.length ? mentionList(job.assignees, 200) : '_unassigned_';
  return `• *${formatJobRef(job.number)}* ${titleText(job, 100)} — ${tail} · ${who}`;
}

function waited(since: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000));
  if (hours < 1) return 'waiting under an hour';
  if (hours < 48) return `waiting ${hours} h`;
  return `waiting ${Math.floor(hours / 24)} days`;
}

/** The morning digest in the jobs channel: counts by status, who waits on us, what expires today. */
export function dailyDigest(input: DigestInput): SlackMessage {
  const { byStatus, waiting, expiringToday, now } = input;
  const counts = (Object.keys(STATUS_DISPLAY) as JobStatus[])
    .filter((status) => (byStatus[status] ?? 0) > 0)
    .map((status) => `${statusText(status)}: *${byStatus[status]}*`);
  const blocks: KnownBlock[] = [
    section(`:sunrise: *Jobs digest for ${input.day}*`),
    section(counts.length ? counts.join('   ') : 'No jobs yet.'),
    divider(),
  ];

  // What was lost since the last digest comes first: nobody answered these in time.
  if (input.expiredTotal > 0) {
    const lines = input.expiredSince
      .slice(0, LIST_MAX)
      .map((job) => jobLine(job, `expired ${slackDate(job.expiresAt, '{date_short} {time}')}`));
    blocks.push(
      section(
        `:hourglass: *Expired unanswered since the last digest* (${input.expiredTotal}) — they can't be acted on any more`,
      ),
    );
    for (const chunk of chunkLines(lines)) blocks.push(section(chunk));
    if (input.expiredTotal > lines.length) {
      blocks.push(
        context(`…and ${input.expiredTotal - lines.length} more: \`/jobs list expired\``),
      );
    }
  }

  const waitingLines = waiting
    .slice(0, LIST_MAX)
    .map(({ job, since }) => jobLine(job, waited(since, now)));
  blocks.push(
    section(
      waitingLines.length
        ? `*Waiting on the team the longest* (${input.waitingTotal})`
        : '*Waiting on the team:* nobody right now.',
    ),
  );
  for (const chunk of chunkLines(waitingLines)) blocks.push(section(chunk));
  if (input.waitingTotal > waitingLines.length) {
    blocks.push(context(`…and ${input.waitingTotal - waitingLines.length} more: \`/jobs list\``));
  }

  const expiringLines = expiringToday
    .slice(0, LIST_MAX)
    .map((job) => jobLine(job, `expires ${slackDate(job.expiresAt, '{time}')}`));
  blocks.push(
    section(
      expiringLines.length
        ? `:alarm_clock: *Expiring today* (${input.expiringTotal}) — answer these or they can't be acted on`
        : '*Expiring today:* nothing.',
    ),
  );
  for (const chunk of chunkLines(expiringLines)) blocks.push(section(chunk));
  if (input.expiringTotal > expiringLines.length) {
    blocks.push(context(`…and ${input.expiringTotal - expiringLines.length} more`));
  }
  blocks.push(context(`Posted daily at this hour (${input.timeZone}).`));

  const expired = input.expiredTotal ? `${input.expiredTotal} expired since the last digest, ` : '';
  const text =
    `Jobs digest for ${input.day}: ${expired}${input.waitingTotal} waiting on the team, ` +
    `${input.expiringTotal} expiring today`;
  return { text, blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS) };
}
