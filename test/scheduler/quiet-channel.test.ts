// The deadline clock speaks only when it has something to say: the reminders due at one tick are
// one message in the channel (and one DM per assignee) listing the jobs, the first start posts no
// digest, a quiet day posts none, and the digest counts what expired since the one before.

import { buttonLabels, visibleText } from '@jobdesk/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import {
  ADMIN,
  ALICE,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../support/slack-test-app.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
// 10:00 UTC, past the digest hour (09:00 UTC in the test config): the app "first starts" then.
const START = new Date('2026-11-27T10:00:00Z');

let t: SlackTestApp;
const tick = async () => {
  const result = await t.app.deadlineClock.runOnce();
  expect(result.failed).toEqual([]);
  await t.settle();
  return result;
};
const topLevel = () =>
  t.slack
    .channel(JOBS_CHANNEL)
    .messages()
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts);
const digests = () => topLevel().filter((m) => visibleText(m).includes('Jobs digest for'));
const reminders = () =>
  t.slack
    .channel(JOBS_CHANNEL)
    .messages()
    .filter((m) => /expire soon|expires .* left/.test(visibleText(m)));

const numbers: number[] = [];

beforeAll(async () => {
  t = await startSlackTestApp();
  t.clock.now = START;
});
afterAll(async () => {
  await t?.close();
});

describe('a quiet channel', () => {
  it('posts no digest the moment the app first starts, even past the digest hour', async () => {
    expect((await tick()).digest).toBeUndefined();
    t.clock.now = new Date(START.getTime() + 5 * HOUR);
    expect((await tick()).digest).toBeUndefined();
    expect(digests()).toEqual([]);
  });

  it('posts one reminder for the twelve jobs due at one tick, each with its Open', async () => {
    const created = new Date(START.getTime() + 6 * HOUR);
    for (let i = 0; i < 12; i += 1) {
      const answer = await t.intake(jobCreatedWire({ createdAt: created, title: `Job ${i}` }));
      numbers.push(Number(String(answer.body.job).slice(2)));
    }
    t.clock.now = new Date(created.getTime() + 48 * HOUR + MINUTE);
    // The next morning's digest is due too (day 3, 09:00 passed): let it go out first.
    await tick();
    const before = reminders().length;
    expect(before).toBe(1);
    const [post] = reminders();
    const text = visibleText(post ?? { text: '' });
    expect(text).toMatch(/12 jobs expire soon/);
    for (const n of numbers) expect(text).toContain(`*J-${n}*`);
    expect(buttonLabels(post ?? { text: '' }).filter((l) => l === 'Open')).toHaveLength(12);

    t.clock.now = new Date(created.getTime() + 68 * HOUR + MINUTE);
    expect((await tick()).reminded).toEqual({ '24h': 0, '4h': 12 });
    expect(reminders()).toHaveLength(2);
    expect(visibleText(reminders()[1] ?? { text: '' })).toMatch(/about 4 hours left/);
  });

  it('counts in the next digest what expired since the one before', async () => {
    const created = new Date(START.getTime() + 6 * HOUR);
    t.clock.now = new Date(created.getTime() + 72 * HOUR + MINUTE);
    expect((await tick()).expired).toBe(12);
    const before = digests().length;
    // The next 09:00 after they expired.
    const day = new Date(t.clock.now);
    day.setUTCDate(day.getUTCDate() + 1);
    day.setUTCHours(9, 1, 0, 0);
    t.clock.now = day;
    expect((await tick()).digest).toBeDefined();
    expect(digests()).toHaveLength(before + 1);
    const text = visibleText(digests().at(-1) ?? { text: '' });
    expect(text).toMatch(/Expired unanswered since the last digest\* \(12\)/);
    expect(text).not.toMatch(/every merchant has an answer/);
  });

  it('says nothing on a day with nothing to say', async () => {
    const before = digests().length;
    const next = new Date(t.clock.now);
    next.setUTCDate(next.getUTCDate() + 1);
    t.clock.now = next;
    // Queued (the day is claimed), but nothing waits, expires or expired: no post.
    expect((await tick()).digest).toBeDefined();
    expect(digests()).toHaveLength(before);
  });

  it('sends an assignee one DM for their jobs due at one tick', async () => {
    const created = new Date(t.clock.now.getTime() - 40 * HOUR);
    const mine: number[] = [];
    for (const title of ['Alice one', 'Alice two', 'Alice three']) {
      const answer = await t.intake(jobCreatedWire({ createdAt: created, title }));
      const number = Number(String(answer.body.job).slice(2));
      mine.push(number);
      await t.app.services.changeAssignees(
        { workspaceId: t.app.workspaceId, userId: ADMIN },
        number,
        [ALICE],
        'add',
      );
    }
    await t.settle();
    const before = t.slack.dm(ALICE).messages().length;
    t.clock.now = new Date(created.getTime() + 48 * HOUR + MINUTE);
    expect((await tick()).reminded['24h']).toBe(3);
    const dms = t.slack.dm(ALICE).messages().slice(before);
    expect(dms).toHaveLength(1);
    const text = visibleText(dms[0] ?? { text: '' });
    expect(text).toMatch(/3 of your jobs expire soon/);
    for (const n of mine) expect(text).toContain(`*J-${n}*`);
    expect(buttonLabels(dms[0] ?? { text: '' }).filter((l) => l === 'Open')).toHaveLength(3);
    // Closed for the next test's digest: these are answered now.
    for (const n of mine) {
      await t.app.services.replyToJob(
        { workspaceId: t.app.workspaceId, userId: ALICE },
        n,
        'On it',
      );
    }
    await t.settle();
  });
});
