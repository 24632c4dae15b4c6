import { describe, expect, it } from 'vitest';
import { jobsHelp as helpMessage } from '../../../src/slack/commands/registry.ts';
import { jobListMessage } from '../../../src/slack/views/job-list.ts';
import { statsMessage } from '../../../src/slack/views/team-stats.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  jobIn,
  makeJob,
  NOW,
} from './support.ts';

describe('jobListMessage', () => {
  it('lists one compact line per job', () => {
    const jobs = [
      makeJob({ number: 1, title: 'First', assignees: ['U0ALICE'] }),
      jobIn('responded', { number: 2, title: 'Second' }),
    ];
    const message = jobListMessage({
      heading: '*Your jobs*',
      jobs,
      total: 2,
      now: NOW,
      emptyText: 'Nothing here',
    });
    const lines = allText(message).split('\n');
    const first = lines.find((l) => l.includes('*J-1*'));
    expect(first).toMatch(/^:new: \*J-1\* First · <@U0ALICE> · answer by <!date\^/);
    const second = lines.find((l) => l.includes('*J-2*'));
    expect(second).toBe(':speech_balloon: *J-2* Second · _unassigned_');
    expect(message.text).toBe('*Your jobs*: 2 jobs');
    expect(allText(message)).not.toContain('more —');
    expect(blockKitProblems(message, 'message')).toEqual([]);
  });

  it('shows the empty text when nothing matches', () => {
    const message = jobListMessage({
      heading: '*Your jobs*',
      jobs: [],
      total: 0,
      now: NOW,
      emptyText: 'Nothing needs you right now :tada:',
    });
    expect(allText(message)).toContain('Nothing needs you right now :tada:');
    expect(blockKitProblems(message, 'message')).toEqual([]);
  });

  it('shows at most 40 jobs and says how many more there are', () => {
    const jobs = Array.from({ length: 60 }, (_, i) =>
      makeJob({
        number: i + 1,
        title: `${HOSTILE} ${'👨‍👩‍👧‍👦'.repeat(100)}`,
        assignees: Array.from({ length: 60 }, (_, j) => `U0${j}`),
      }),
    );
    const message = jobListMessage({
      heading: '*All jobs*',
      jobs,
      total: 250,
      now: NOW,
      emptyText: '',
    });
    const text = allText(message);
    expect(text).toContain('*J-40*');
    expect(text).not.toContain('*J-41*');
    expect(text).toContain('and 210 more — narrow with `/jobs list &lt;status&gt;`');
    expect(blockKitProblems(message, 'message')).toEqual([]);
    expectNoLiveMarkup(message);
  });

  it('says "1000+" when counting stopped at its limit', () => {
    const jobs = Array.from({ length: 40 }, (_, i) => makeJob({ number: i + 1 }));
    const message = jobListMessage({
      heading: '*All jobs*',
      jobs,
      total: 1000,
      totalIsMinimum: true,
      now: NOW,
      emptyText: '',
    });
    expect(allText(message)).toContain('and 960+ more — narrow with `/jobs list &lt;status&gt;`');
    expect(message.text).toBe('*All jobs*: 1000+ jobs');
  });
});

describe('helpMessage', () => {
  it('lists every /jobs command with an explanation', () => {
    const message = helpMessage({ intro: "I didn't get `frobnicate`." });
    const text = allText(message);
    expect(text).toContain("I didn't get `frobnicate`.");
    for (const usage of [
      '`/jobs` —',
      '`/jobs list [status…] [mine] [unassigned]` —',
      '`/jobs mine` —',
      '`/jobs show J-12` —',
      '`/jobs assign J-12 @a @b | me` —',
      '`/jobs unassign J-12 @a | me` —',
      '`/jobs decline J-12 [reason]` —',
      '`/jobs inactive J-12` —',
      '`/jobs complete J-12` —',
      '`/jobs reopen J-12` —',
      '`/jobs reply J-12 [message]` —',
      '`/jobs new` —',
      '`/jobs prefs` —',
      '`/jobs stats` —',
      '`/jobs help` —',
    ]) {
      expect(text).toContain(usage);
    }
    expect(blockKitProblems(message, 'message')).toEqual([]);
    expect(blockKitProblems(helpMessage(), 'message')).toEqual([]);
  });
});

describe('statsMessage', () => {
  it('shows counts by status, declines by service and the median first response', () => {
    const message = statsMessage({
      byStatus: { new: 3, declined: 2, completed: 5 },
      declinesByService: [
        { service: 'Theme customization', count: 1 },
        { service: null, count: 4 },
        { service: HOSTILE, count: 2 },
      ],
      answered: 7,
      medianFirstResponseMs: (3 * 60 + 12) * 60_000,
    });
    const text = allText(message);
    expect(text).toContain('(10 in all)');
    expect(text).toContain(':new: New: *3*');
    expect(text).toContain(':eyes: Opened: *0*');
    expect(text).toContain(':hourglass_flowing_sand: Awaiting your response: *0*');
    expect(text).toMatch(
      /No service given_: \*4\*\n• Hi &lt;!channel&gt;.*: \*2\*\n• Theme customization: \*1\*/,
    );
    expect(text).toContain('*3 h 12 min* (median over 7 answered jobs)');
    expectNoLiveMarkup(message);
    expect(blockKitProblems(message, 'message')).toEqual([]);
  });

  it('says when nothing was answered or declined yet', () => {
    const text = allText(
      statsMessage({
        byStatus: {},
        declinesByService: [],
        answered: 0,
        medianFirstResponseMs: null,
      }),
    );
    expect(text).toContain('_Nothing declined yet_');
    expect(text).toContain('_No answered jobs yet_');
  });

  it('writes short medians in minutes', () => {
    const text = (ms: number) =>
      allText(
        statsMessage({
          byStatus: {},
          declinesByService: [],
          answered: 1,
          medianFirstResponseMs: ms,
        }),
      );
    expect(text(45 * 60_000)).toContain('*45 min* (median over 1 answered job)');
    expect(text(10_000)).toContain('*under a minute*');
    expect(text(2 * 3_600_000)).toContain('*2 h*');
  });
});
