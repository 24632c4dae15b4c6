import type { JobStatus } from '../../domain/index.ts';

export interface StatusDisplay {
  emoji: string;
  label: string;
}

/**
 * How each status reads in Slack. `awaiting_response` is worded from the team's side: the
 * domain's "Awaiting response" leaves open who is waiting.
 */
export const STATUS_DISPLAY: Record<JobStatus, StatusDisplay> = {
  new: { emoji: ':new:', label: 'New' },
  opened: { emoji: ':eyes:', label: 'Opened' },
  responded: { emoji: ':speech_balloon:', label: 'Responded' },
  awaiting_response: { emoji: ':hourglass_flowing_sand:', label: 'Awaiting your response' },
  inactive: { emoji: ':zzz:', label: 'Inactive' },
  completed: { emoji: ':white_check_mark:', label: 'Completed' },
  declined: { emoji: ':no_entry_sign:', label: 'Declined' },
  expired: { emoji: ':alarm_clock:', label: 'Expired' },
};

export function statusEmoji(status: JobStatus): string {
  return STATUS_DISPLAY[status].emoji;
}

export function statusLabel(status: JobStatus): string {
  return STATUS_DISPLAY[status].label;
}

/** `:eyes: Opened` */
export function statusText(status: JobStatus): string {
  const { emoji, label } = STATUS_DISPLAY[status];
  return `${emoji} ${label}`;
}
