import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../../src/domain/index.ts';
import { STATUS_DISPLAY, statusText } from '../../../src/slack/views/status-display.ts';

describe('status display', () => {
  it('gives every status an emoji and a readable label', () => {
    expect(JOB_STATUSES.map(statusText)).toEqual([
      ':new: New',
      ':eyes: Opened',
      ':speech_balloon: Responded',
      ':hourglass_flowing_sand: Awaiting your response',
      ':zzz: Inactive',
      ':white_check_mark: Completed',
      ':no_entry_sign: Declined',
      ':alarm_clock: Expired',
    ]);
    expect(Object.keys(STATUS_DISPLAY).sort()).toEqual([...JOB_STATUSES].sort());
  });
});
