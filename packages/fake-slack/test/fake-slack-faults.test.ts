// Failing on demand (HTTP errors, rate limits, error codes, slowness) and waiting for the app.

import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/server/index.ts';

const { WebClient, LogLevel, WebAPIHTTPError, WebAPIRateLimitedError, WebAPIRequestError } = webApi;

let slack: FakeSlack;

function client(options: ConstructorParameters<typeof WebClient>[1] = {}) {
  return new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

const post = (text = 'card') => client().chat.postMessage({ channel: 'C_JOBS', text });

beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: 'C_JOBS' }] });
});

afterAll(() => slack.stop());

beforeEach(() => slack.reset());

describe('fault injection', () => {
  it('fails the next call with HTTP 500, without effect, then recovers', async () => {
    slack.failNext('chat.postMessage', { status: 500 });
    await expect(post()).rejects.toBeInstanceOf(WebAPIHTTPError);
    await post('second');
    expect(
      slack
        .channel('C_JOBS')
        .messages()
        .map((m) => m.text),
    ).toEqual(['second']);
    expect(slack.calls('chat.postMessage').map((c) => [c.status, c.ok])).toEqual([
      [500, false],
      [200, true],
    ]);
    expect(slack.injectedFaults()).toEqual([
      expect.objectContaining({ method: 'chat.postMessage', fault: { status: 500 } }),
    ]);
  });

  it('rate limits with a Retry-After header', async () => {
    slack.failNext('*', { status: 429, retryAfter: 7 });
    const error = await client({ rejectRateLimitedCalls: true })
      .auth.test()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as InstanceType<typeof WebAPIRateLimitedError>).retryAfter).toBe(7);
  });

  it('lets @slack/web-api retry after the Retry-After delay', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    const retrying = client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    await retrying.chat.postMessage({ channel: 'C_JOBS', text: 'eventually' });
    expect(slack.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(slack.channel('C_JOBS').messages()).toHaveLength(1);
  });

  it('answers ok:false with a chosen error code, `times` times', async () => {
    slack.failNext('chat.postMessage', { error: 'fatal_error' }, 2);
    await expect(post()).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    await expect(post()).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    await expect(post()).resolves.toMatchObject({ ok: true });
  });

  it('fails every call while a persistent fault is set', async () => {
    slack.setFault('*', { status: 503 });
    await expect(post()).rejects.toBeInstanceOf(WebAPIHTTPError);
    await expect(client().auth.test()).rejects.toBeInstanceOf(WebAPIHTTPError);
    slack.clearFaults();
    await expect(post()).resolves.toMatchObject({ ok: true });
    expect(slack.injectedFaults()).toHaveLength(2);
  });

  it('answers slowly, and does nothing if the caller gave up meanwhile', async () => {
    slack.failNext('chat.postMessage', { delayMs: 150 });
    const started = Date.now();
    await post('slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    slack.failNext('chat.postMessage', { delayMs: 300 });
    await expect(
      client({ timeout: 50 }).chat.postMessage({ channel: 'C_JOBS', text: 'lost' }),
    ).rejects.toBeInstanceOf(WebAPIRequestError);
    await slack.waitForCall('chat.postMessage', (c) => c.error === 'caller_gave_up');
    expect(
      slack
        .channel('C_JOBS')
        .messages()
        .map((m) => m.text),
    ).toEqual(['slow']);
  });

  it('fails response_url posts too', async () => {
    slack.failNext('response_url', { status: 500 });
    const url = slack.mintResponseUrl({ user: 'U_BOT', channel: 'C_JOBS' });
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'x' }) });
    expect(res.status).toBe(500);
  });
});

describe('waiting for the app', () => {
  it('resolves once the app has posted, with the probe’s value', async () => {
    setTimeout(() => void post('after commit'), 50);
    const message = await slack.waitFor(() => slack.channel('C_JOBS').latest());
    expect(message.text).toBe('after commit');
  });

  it('treats a throwing probe as "not yet", so expect() works inside', async () => {
    setTimeout(() => void post('done'), 30);
    await slack.waitFor(() => {
      expect(slack.channel('C_JOBS').messages()).toHaveLength(1);
      return true;
    });
  });

  it('times out with the last probe error and the recent calls', async () => {
    await post('something else');
    const waiting = slack.waitFor(
      () => {
        expect(slack.channel('C_JOBS').messages()).toHaveLength(2);
        return true;
      },
      { timeoutMs: 100 },
    );
    await expect(waiting).rejects.toThrow(
      /within 100 ms[\s\S]*expected[\s\S]*chat\.postMessage → ok/,
    );
  });

  it('waits for a call of a method and notifies listeners of changes', async () => {
    let changes = 0;
    const off = slack.onChange(() => {
      changes += 1;
    });
    setTimeout(() => void post('x'), 20);
    const call = await slack.waitForCall('chat.postMessage');
    off();
    expect(call.args).toMatchObject({ channel: 'C_JOBS', text: 'x' });
    expect(changes).toBe(1);
  });
});
