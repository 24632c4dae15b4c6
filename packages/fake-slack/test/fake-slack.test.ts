// The fake answers @slack/web-api (the client Bolt uses) the way Slack does, and keeps what a
// person would see readable for assertions.

import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonLabels, FakeSlack, visibleText } from '../src/server/index.ts';

const { WebClient, LogLevel } = webApi;

let slack: FakeSlack;
let client: InstanceType<typeof WebClient>;

function clientWith(token: string) {
  return new WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
}

/** The Slack error code of a failed call. */
async function errorOf(call: Promise<unknown>): Promise<{ error?: string; messages?: string[] }> {
  try {
    await call;
  } catch (e) {
    const data = (e as { data?: { error?: string; response_metadata?: { messages?: string[] } } })
      .data;
    return { error: data?.error, messages: data?.response_metadata?.messages };
  }
  throw new Error('expected the call to fail');
}

const card = (title: string) => [
  { type: 'header', text: { type: 'plain_text', text: title } },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open' },
        action_id: 'open',
        value: 'job_1',
      },
      {
        type: 'overflow',
        action_id: 'more',
        options: [
          { text: { type: 'plain_text', text: 'Decline' }, value: 'decline' },
          { text: { type: 'plain_text', text: 'Mark complete' }, value: 'complete' },
        ],
      },
    ],
  },
];

beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: 'C_JOBS', name: 'jobs' }] });
  slack.addUser({ id: 'U_ADA', name: 'ada' });
  slack.addChannel({ id: 'C_OTHER', isMember: false });
  client = clientWith(slack.botToken);
});

afterAll(() => slack.stop());

beforeEach(() => slack.reset());

describe('auth and users', () => {
  it('answers auth.test with the bot identity', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T_TEAM', user_id: 'U_BOT', bot_id: 'B_BOT' });
  });

  it('refuses a wrong token with invalid_auth', async () => {
    expect((await errorOf(clientWith('xoxb-wrong').auth.test())).error).toBe('invalid_auth');
  });

  it('answers not_authed without a token', async () => {
    const res = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers users.info for registered users only', async () => {
    slack.addUser({ id: 'U_GUEST', is_restricted: true, team_id: 'T_OTHER' });
    const res = await client.users.info({ user: 'U_GUEST' });
    expect(res.user).toMatchObject({
      id: 'U_GUEST',
      team_id: 'T_OTHER',
      is_restricted: true,
      deleted: false,
    });
    expect((await errorOf(client.users.info({ user: 'U_NOBODY' }))).error).toBe('user_not_found');
  });

  it('answers unknown_method for methods it does not simulate', async () => {
    expect((await errorOf(client.apiCall('reactions.add', { name: 'eyes' }))).error).toBe(
      'unknown_method',
    );
  });
});

describe('messages', () => {
  it('stores a posted card and returns it like Slack', async () => {
    const res = await client.chat.postMessage({
      channel: 'C_JOBS',
      text: 'New job',
      blocks: card('Speed up'),
    });
    expect(res.ok).toBe(true);
    const [message] = slack.channel('C_JOBS').messages();
    expect(message).toMatchObject({ ts: res.ts, user: 'U_BOT', bot_id: 'B_BOT', text: 'New job' });
    expect(message && buttonLabels(message)).toEqual(['Open', 'Decline', 'Mark complete']);
    expect(message && visibleText(message)).toBe('Speed up\n[Open] […]');
    // Slack fills in the block_ids the app left out.
    expect(message?.blocks?.every((b) => typeof b.block_id === 'string')).toBe(true);
  });

  it('keeps thread replies under their root, newest last', async () => {
    const root = await client.chat.postMessage({ channel: 'C_JOBS', text: 'card' });
    await client.chat.postMessage({ channel: 'C_JOBS', text: 'first', thread_ts: root.ts });
    await client.chat.postMessage({ channel: 'C_JOBS', text: 'second', thread_ts: root.ts });
    const jobs = slack.channel('C_JOBS');
    expect(jobs.messages().map((m) => m.text)).toEqual(['card']);
    expect(jobs.thread(root.ts as string).map((m) => m.text)).toEqual(['first', 'second']);
    expect(jobs.message(root.ts as string)?.reply_count).toBe(2);
  });

  it('accepts JSON bodies with a Bearer token', async () => {
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Authorization: `Bearer ${slack.botToken}`,
      },
      body: JSON.stringify({ channel: 'C_JOBS', text: 'json', blocks: card('J') }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C_JOBS' });
    expect(slack.channel('C_JOBS').latest()?.blocks).toHaveLength(2);
  });

  it('answers channel_not_found, not_in_channel and thread_not_found', async () => {
    expect((await errorOf(client.chat.postMessage({ channel: 'C_NOPE', text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    expect((await errorOf(client.chat.postMessage({ channel: 'C_OTHER', text: 'x' }))).error).toBe(
      'not_in_channel',
    );
    const reply = client.chat.postMessage({ channel: 'C_JOBS', text: 'x', thread_ts: '1.000001' });
    expect((await errorOf(reply)).error).toBe('thread_not_found');
  });

  it('rejects oversized blocks with invalid_blocks and says which rule', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    const failure = await errorOf(
      client.chat.postMessage({ channel: 'C_JOBS', text: 'x', blocks }),
    );
    expect(failure).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
    expect(slack.channel('C_JOBS').messages()).toEqual([]);
    expect(slack.calls('chat.postMessage')[0]).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
  });

  it('answers msg_too_long for text over 40 000 characters', async () => {
    const failure = await errorOf(
      client.chat.postMessage({ channel: 'C_JOBS', text: 'x'.repeat(40_001) }),
    );
    expect(failure.error).toBe('msg_too_long');
  });

  it('updates a message in place and keeps blocks that were not resent', async () => {
    const { ts } = await client.chat.postMessage({
      channel: 'C_JOBS',
      text: 'v1',
      blocks: card('Job'),
    });
    await client.chat.update({ channel: 'C_JOBS', ts: ts as string, text: 'v2' });
    expect(slack.channel('C_JOBS').message(ts as string)).toMatchObject({
      text: 'v2',
      edited: { user: 'U_BOT' },
    });
    expect(slack.channel('C_JOBS').message(ts as string)?.blocks).toHaveLength(2);
    await client.chat.update({ channel: 'C_JOBS', ts: ts as string, text: 'v3', blocks: [] });
    expect(slack.channel('C_JOBS').message(ts as string)?.blocks).toEqual([]);
  });

  it('refuses to update what does not exist or is not the bot’s', async () => {
    const missing = client.chat.update({ channel: 'C_JOBS', ts: '1.000001', text: 'x' });
    expect((await errorOf(missing)).error).toBe('message_not_found');
    const mine = slack.postAsUser('C_JOBS', 'U_ADA', 'hello');
    const theirs = client.chat.update({ channel: 'C_JOBS', ts: mine.ts, text: 'x' });
    expect((await errorOf(theirs)).error).toBe('cant_update_message');
  });

  it('shows ephemeral messages to one person', async () => {
    const res = await client.chat.postEphemeral({
      channel: 'C_JOBS',
      user: 'U_ADA',
      text: 'Only you',
    });
    expect(slack.ephemerals('U_ADA')).toEqual([
      expect.objectContaining({
        ts: res.message_ts,
        channel: 'C_JOBS',
        text: 'Only you',
        source: 'chat.postEphemeral',
      }),
    ]);
    expect(slack.channel('C_JOBS').messages()).toEqual([]);
  });

  it('builds permalinks, with the thread for replies', async () => {
    const root = await client.chat.postMessage({ channel: 'C_JOBS', text: 'card' });
    const reply = await client.chat.postMessage({
      channel: 'C_JOBS',
      text: 'r',
      thread_ts: root.ts,
    });
    const link = await client.chat.getPermalink({
      channel: 'C_JOBS',
      message_ts: reply.ts as string,
    });
    expect(link.permalink).toBe(
      `https://jobdesk-test.slack.com/archives/C_JOBS/p${(reply.ts as string).replace('.', '')}?thread_ts=${root.ts}&cid=C_JOBS`,
    );
  });
});

describe('direct messages', () => {
  it('opens one DM channel per person and reads it back', async () => {
    const opened = await client.conversations.open({ users: 'U_ADA' });
    const again = await client.conversations.open({ users: 'U_ADA' });
    expect(opened.channel?.id).toMatch(/^D/);
    expect(again).toMatchObject({ channel: { id: opened.channel?.id }, already_open: true });
    await client.chat.postMessage({
      channel: opened.channel?.id as string,
      text: 'You were assigned J-12',
    });
    expect(
      slack
        .dm('U_ADA')
        .messages()
        .map((m) => m.text),
    ).toEqual(['You were assigned J-12']);
  });

  it('posts to the DM when the channel is a user id, like Slack', async () => {
    await client.chat.postMessage({ channel: 'U_ADA', text: 'hi' });
    expect(slack.dm('U_ADA').latest()?.text).toBe('hi');
  });

  it('reads an unopened DM as empty', () => {
    expect(slack.dm('U_ADA').messages()).toEqual([]);
  });

  it('answers user_not_found for unknown people', async () => {
    expect((await errorOf(client.conversations.open({ users: 'U_NOBODY' }))).error).toBe(
      'user_not_found',
    );
  });
});
