/** `/jobs stats`: the numbers the team watches. */
import type { KnownBlock } from '@slack/types';
import { JOB_STATUSES } from '../../domain/index.ts';
import type { TeamStats } from '../../services/index.ts';
import { fitMrkdwn } from '../mrkdwn.ts';
import { divider, type SlackMessage, section } from './blocks.ts';
import { statusText } from './status-display.ts';

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
