// The deadline clock with a controlled business clock: reminders a day and four hours ahead
// (DMs to assignees who want them, or the channel when nobody is assigned), each exactly once,
// expiry, and the daily digest once a day at its hour in its time zone.

import { visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import {
  ALICE,
  BOB,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../support/slack-test-app.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
// 05:00 UTC: the digest (09:00 UTC in the test config) is not due yet on the first day.
const CREATED = new Date('2026-11-27T05:00:00Z');

let t: SlackTestApp;
let unassigned: number;
let assigned: number;

const at = (ms: number) => new Date(CREATED.getTime() + ms);
const tick = async () => {
  const result = await t.app.deadlineClock.runOnce();
  expect(result.failed).toEqual([]);
  await t.settle();
  return result;
};
const channelPosts = (match: string) =>
  t.slack
    .channel(JOBS_CHANNEL)
    .messages()
    .filter((m) => visibleText(m).includes(match));
const dmTexts = (user: string) => t.slack.dm(user).messages().map(visibleText);
/** The card itself (reminders broadcast from its thread quote the same heading). */
const cardOf = (number: number) => {
  const card = t.slack
    .channel(JOBS_CHANNEL)
    .messages()
    .find(
      (m) => (!m.thread_ts || m.thread_ts === m.ts) && visibleText(m).includes(`J-${number} ·`),
    );
  if (!card) throw new Error(`no card of J-${number}`);
  return card;
};

beforeAll(async () => {
  t = await startSlackTestApp();
  t.clock.now = CREATED;
  const ws = t.app.workspaceId;
  const a = await t.intake(jobCreatedWire({ createdAt: CREATED, title: 'Nobody on it' }));
  const b = await t.intake(jobCreatedWire({ createdAt: CREATED, title: 'Alice and Bob on it' }));
  unassigned = Number(String(a.body.job).slice(2));
  assigned = Number(String(b.body.job).slice(2));
  await t.app.services.setNotifications(
    { workspaceId: ws, userId: BOB },
    { onAssignment: true, onMessage: true, onStatusChange: true, onDeadline: false },
  );
  await t.app.services.changeAssignees(
    { workspaceId: ws, userId: ALICE },
    assigned,
    [ALICE, BOB],
    'add',
  );
  await t.settle();
});
afterAll(async () => {
  await t?.close();
});

describe('the deadline clock', () => {
  it('reminds nobody while more than a day is left', async () => {
    t.clock.now = at(47 * HOUR);
    const result = await tick();
    expect(result.reminded).toEqual({ '24h': 0, '4h': 0 });
    expect(dmTexts(ALICE).filter((m) => m.includes('expires'))).toEqual([]);
  });

  it('a day ahead: DMs the assignees who want it, or tells the channel under the card', async () => {
    t.clock.now = at(48 * HOUR + MINUTE);
    expect((await tick()).reminded).toEqual({ '24h': 2, '4h': 0 });

    expect(dmTexts(ALICE).filter((m) => m.includes(`J-${assigned} expires`))).toHaveLength(1);
    expect(dmTexts(BOB).filter((m) => m.includes('expires'))).toEqual([]);

    const card = cardOf(unassigned);
    const replies = t.slack.channel(JOBS_CHANNEL).thread(card.ts).map(visibleText);
    expect(replies).toEqual([expect.stringContaining(`J-${unassigned} expires`)]);
    expect(replies[0]).toMatch(/about a day left/);
    expect(replies[0]).toMatch(/Nobody is assigned/);
    expect(replies[0]).toMatch(/\[Assign to me\]/);
  });

  it('never twice, however often it ticks', async () => {
    const before = t.slack.calls('chat.postMessage').length;
    t.clock.now = at(50 * HOUR);
    expect((await tick()).reminded).toEqual({ '24h': 0, '4h': 0 });
    expect((await tick()).reminded).toEqual({ '24h': 0, '4h': 0 });
    expect(t.slack.calls('chat.postMessage').length).toBe(before);
  });

  it('four hours ahead, once more', async () => {
    t.clock.now = at(68 * HOUR + MINUTE);
    expect((await tick()).reminded).toEqual({ '24h': 0, '4h': 2 });
    await tick();
    expect(dmTexts(ALICE).filter((m) => m.includes(`J-${assigned} expires`))).toHaveLength(2);
    expect(channelPosts(`J-${unassigned} expires`).map(visibleText)).toEqual([
      expect.stringMatching(/about a day left/),
      expect.stringMatching(/about 4 hours left/),
    ]);
  });

  it('expires both when the 72 hours run out: cards lose their buttons, Alice hears of it', async () => {
    t.clock.now = at(72 * HOUR + MINUTE);
    expect((await tick()).expired).toBe(2);
    for (const number of [unassigned, assigned]) {
      expect(visibleText(cardOf(number))).toMatch(/Expired/);
      expect(visibleText(cardOf(number))).not.toMatch(/\[Reply\]/);
    }
    expect(dmTexts(ALICE).filter((m) => m.includes('Expired'))).toHaveLength(1);
    expect((await tick()).expired).toBe(0);
  });

  it('a job first seen inside four hours gets the 4-hour reminder only', async () => {
    const created = new Date(t.clock.now.getTime() - 70 * HOUR);
    await t.intake(jobCreatedWire({ createdAt: created, title: 'Late arrival' }));
    expect((await tick()).reminded).toEqual({ '24h': 0, '4h': 1 });
    expect(channelPosts('Late arrival').filter((m) => visibleText(m).includes('expires'))).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/left/) }),
    ]);
  });
});

describe('the daily digest', () => {
  it('posts at the configured hour, once a day, with counts, who waits longest and what expires', async () => {
    const digests = () => channelPosts('Jobs digest for');
    // Day 4 of the test, 08:59 UTC: not yet.
    t.clock.now = new Date('2026-11-30T08:59:00Z');
    await t.intake(
      jobCreatedWire({ createdAt: new Date('2026-11-27T12:00:00Z'), title: 'Expires tonight' }),
    );
    expect((await tick()).digest).toBeUndefined();

    t.clock.now = new Date('2026-11-30T09:00:00Z');
    expect((await tick()).digest).toBe('2026-11-30');
    t.clock.now = new Date('2026-11-30T17:00:00Z');
    expect((await tick()).digest).toBeUndefined();

    expect(digests()).toHaveLength(1);
    const text = visibleText(digests()[0] ?? { text: '' });
    expect(text).toMatch(/Jobs digest for 2026-11-30/);
    expect(text).toMatch(/Expired: \*3\*/);
    expect(text).toMatch(/Waiting on the team the longest/);
    expect(text).toMatch(/Expiring today\* \(1\)/);
    expect(text).toMatch(/Expires tonight/);

    t.clock.now = new Date('2026-12-01T09:30:00Z');
    expect((await tick()).digest).toBe('2026-12-01');
    expect(digests()).toHaveLength(2);
  });
});
