// A card that cannot be posted because the app is not in the channel (`not_in_channel`): the log
// says to /invite @jobdesk, /healthz reports the dead delivery as degraded (still 200), and the
// admins get one DM for the burst, not one per card.

import { Writable } from 'node:stream';
import { visibleText } from '@jobdesk/fake-slack';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import {
  ADMIN,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../support/slack-test-app.ts';

const lines: string[] = [];
let t: SlackTestApp;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  t = await startSlackTestApp({}, { logger: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await t?.close();
});

const health = async () => {
  const response = await fetch(`${t.app.url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('deliveries that died because the app is not in the channel', () => {
  it('reads ok while nothing is dead', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', checks: { deliveries: { status: 'ok', dead: 0 } } });
  });

  it('logs what to do, degrades /healthz, and DMs each admin once for the burst', async () => {
    t.slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 3);
    const refs: string[] = [];
    for (const title of ['Lost one', 'Lost two', 'Lost three']) {
      refs.push(String((await t.intake(jobCreatedWire({ title }))).body.job));
    }
    await t.settle();
    for (const ref of refs) expect(t.slack.channel(JOBS_CHANNEL).find(ref)).toBeUndefined();

    const failedForGood = lines.filter((l) => l.includes('delivery failed for good'));
    expect(failedForGood.length).toBeGreaterThanOrEqual(3);
    expect(failedForGood.every((l) => l.includes('/invite @jobdesk'))).toBe(true);

    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(String((body.checks as Record<string, unknown>).deliveries)).toMatch(
      /^degraded: 3 deliveries failed for good; the newest, the card of J-\d+: not_in_channel: jobdesk is not a member of the channel: type \/invite @jobdesk in it/,
    );

    const before = t.slack.dm(ADMIN).messages().length;
    await t.app.deadlineClock.runOnce();
    await t.settle();
    await t.app.deadlineClock.runOnce();
    await t.settle();
    const dms = t.slack.dm(ADMIN).messages().slice(before).map(visibleText);
    expect(dms).toHaveLength(1);
    expect(dms[0]).toContain('3 deliveries to Slack failed for good');
    expect(dms[0]).toContain('/invite @jobdesk');
    expect(dms[0]).toContain('/jobs outbox');
  });
});
