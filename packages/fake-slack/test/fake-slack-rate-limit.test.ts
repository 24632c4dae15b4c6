// What the benchmarks use of the fake: Slack's per-channel posting limit (one message a second per
// channel, 429 beyond it), and forgetting the call log on a long run.

import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/server/index.ts';
import { ChannelRateLimit } from '../src/server/rate-limit.ts';

const { WebClient, LogLevel, WebAPIRateLimitedError } = webApi;

describe('ChannelRateLimit', () => {
  it('takes one post a second per channel, each channel on its own', () => {
    const limit = new ChannelRateLimit({ perSecond: 1 });
    const post = (channel: string, at: number) => limit.check('chat.postMessage', { channel }, at);
    expect(post('C1', 0)).toBeUndefined();
    expect(post('C2', 0)).toBeUndefined();
    expect(post('C1', 999)).toBe(1); // 1 ms early: refused, Retry-After in whole seconds
    expect(post('C1', 1000)).toBeUndefined(); // the refusal used nothing up
    expect(post('C1', 1500)).toBe(1);
    expect(post('C1', 2000)).toBeUndefined();
  });

  it('lets a quiet channel take a burst, then one per interval', () => {
    const limit = new ChannelRateLimit({ perSecond: 1, burst: 3 });
    const at = (t: number) => limit.check('chat.postMessage', { channel: 'C1' }, t);
    expect([at(0), at(0), at(0), at(0)]).toEqual([undefined, undefined, undefined, 1]);
    expect(at(1000)).toBeUndefined();
    expect(at(1000)).toBe(1);
  });

  it('leaves other methods alone', () => {
    const limit = new ChannelRateLimit();
    for (let i = 0; i < 5; i++) {
      expect(limit.check('chat.update', { channel: 'C1' }, 0)).toBeUndefined();
    }
  });
});

describe('FakeSlack.limitPostsPerChannel', () => {
  let slack: FakeSlack;
  const client = () =>
    new WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });

  beforeAll(async () => {
    slack = await FakeSlack.start({ channels: [{ id: 'C_JOBS' }, { id: 'C_OTHER' }] });
  });
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.reset();
    slack.limitPostsPerChannel(false);
  });

  it('answers a second post within the second with 429 and Retry-After, and posts nothing', async () => {
    slack.limitPostsPerChannel({ perSecond: 1 });
    await client().chat.postMessage({ channel: 'C_JOBS', text: 'first' });
    const error = await client()
      .chat.postMessage({ channel: 'C_JOBS', text: 'second' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as InstanceType<typeof WebAPIRateLimitedError>).retryAfter).toBe(1);
    await client().chat.postMessage({ channel: 'C_OTHER', text: 'elsewhere' });
    expect(
      slack
        .channel('C_JOBS')
        .messages()
        .map((m) => m.text),
    ).toEqual(['first']);
    expect(slack.calls('chat.postMessage').map((c) => [c.status, c.error ?? null])).toEqual([
      [200, null],
      [429, 'ratelimited'],
      [200, null],
    ]);
  });

  it('is off by default and after limitPostsPerChannel(false)', async () => {
    slack.limitPostsPerChannel();
    slack.limitPostsPerChannel(false);
    for (let i = 0; i < 3; i++)
      await client().chat.postMessage({ channel: 'C_JOBS', text: `${i}` });
    expect(slack.channel('C_JOBS').messages()).toHaveLength(3);
  });
});

describe('FakeSlack.clearCalls', () => {
  it('forgets the calls and keeps the messages', async () => {
    const slack = await FakeSlack.start({ channels: [{ id: 'C_JOBS' }] });
    try {
      const client = new WebClient(slack.botToken, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: LogLevel.ERROR,
      });
      await client.chat.postMessage({ channel: 'C_JOBS', text: 'kept' });
      slack.clearCalls();
      expect(slack.calls()).toEqual([]);
      expect(
        slack
          .channel('C_JOBS')
          .messages()
          .map((m) => m.text),
      ).toEqual(['kept']);
    } finally {
      await slack.stop();
    }
  });
});
