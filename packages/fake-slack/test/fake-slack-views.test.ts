// Modals, App Home and response_urls in the fake, driven through @slack/web-api and fetch.

import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type JsonObject } from '../src/server/index.ts';

const { WebClient, LogLevel } = webApi;

let clock = 1_764_237_600_000;
let slack: FakeSlack;
let client: InstanceType<typeof WebClient>;

async function errorOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (e) {
    return (e as { data?: { error?: string } }).data?.error;
  }
  throw new Error('expected the call to fail');
}

const modal = (title: string, extra: JsonObject = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Why?' } }],
  ...extra,
});

beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: 'C_JOBS' }], now: () => clock });
  slack.addUser({ id: 'U_ADA' });
  client = new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
});

afterAll(() => slack.stop());

beforeEach(() => slack.reset());

describe('modals', () => {
  it('opens a modal for the person whose trigger_id it is', async () => {
    const trigger_id = slack.mintTriggerId('U_ADA');
    const res = await client.views.open({
      trigger_id,
      view: modal('Decline J-12', { callback_id: 'decline' }),
    });
    expect(res.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      callback_id: 'decline',
    });
    expect(slack.openView('U_ADA')?.id).toBe(res.view?.id);
  });

  it('answers expired_trigger_id for unknown and late triggers, exchanged_trigger_id for reuse', async () => {
    expect(await errorOf(client.views.open({ trigger_id: '1.2.abc', view: modal('A') }))).toBe(
      'expired_trigger_id',
    );
    const late = slack.mintTriggerId('U_ADA');
    clock += 3001;
    expect(await errorOf(client.views.open({ trigger_id: late, view: modal('A') }))).toBe(
      'expired_trigger_id',
    );
    const once = slack.mintTriggerId('U_ADA');
    await client.views.open({ trigger_id: once, view: modal('A') });
    expect(await errorOf(client.views.open({ trigger_id: once, view: modal('A') }))).toBe(
      'exchanged_trigger_id',
    );
  });

  it('rejects an invalid view with invalid_arguments, as Slack does for views', async () => {
    const trigger_id = slack.mintTriggerId('U_ADA');
    expect(
      await errorOf(
        client.views.open({ trigger_id, view: modal('Decline job J-12 for Ada Lovelace') }),
      ),
    ).toBe('invalid_arguments');
    expect(slack.calls('views.open')[0]?.response).toMatchObject({
      response_metadata: {
        messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
      },
    });
  });

  it('pushes up to three modals', async () => {
    await client.views.open({ trigger_id: slack.mintTriggerId('U_ADA'), view: modal('One') });
    await client.views.push({ trigger_id: slack.mintTriggerId('U_ADA'), view: modal('Two') });
    await client.views.push({ trigger_id: slack.mintTriggerId('U_ADA'), view: modal('Three') });
    const fourth = client.views.push({
      trigger_id: slack.mintTriggerId('U_ADA'),
      view: modal('Four'),
    });
    expect(await errorOf(fourth)).toBe('push_limit_reached');
    const stack = slack.viewStack('U_ADA');
    expect(stack.map((v) => v.title?.text)).toEqual(['One', 'Two', 'Three']);
    expect(stack[2]?.previous_view_id).toBe(stack[1]?.id);
    expect(stack[2]?.root_view_id).toBe(stack[0]?.id);
  });

  it('updates an open modal by id, honouring the hash', async () => {
    const opened = await client.views.open({
      trigger_id: slack.mintTriggerId('U_ADA'),
      view: modal('Before'),
    });
    const id = opened.view?.id as string;
    const stale = client.views.update({ view_id: id, hash: 'stale', view: modal('X') });
    expect(await errorOf(stale)).toBe('hash_conflict');
    await client.views.update({
      view_id: id,
      hash: opened.view?.hash as string,
      view: modal('After'),
    });
    expect(slack.openView('U_ADA')).toMatchObject({ id, title: { text: 'After' } });
    expect(await errorOf(client.views.update({ view_id: 'V_NONE', view: modal('X') }))).toBe(
      'view_not_found',
    );
  });

  it('closes modals on the harness side and then refuses updates to them', async () => {
    const opened = await client.views.open({
      trigger_id: slack.mintTriggerId('U_ADA'),
      view: modal('A'),
    });
    slack.closeView('U_ADA');
    expect(slack.openView('U_ADA')).toBeUndefined();
    const update = client.views.update({ view_id: opened.view?.id as string, view: modal('B') });
    expect(await errorOf(update)).toBe('view_not_found');
  });
});

describe('App Home', () => {
  it('publishes one Home view per person, updated in place', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*My jobs*' } }];
    const first = await client.views.publish({ user_id: 'U_ADA', view: { type: 'home', blocks } });
    const second = await client.views.publish({
      user_id: 'U_ADA',
      view: { type: 'home', blocks: [] },
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(slack.home('U_ADA')?.blocks).toEqual([]);
    expect(
      await errorOf(client.views.publish({ user_id: 'U_NOBODY', view: { type: 'home', blocks } })),
    ).toBe('user_not_found');
  });

  it('limits a Home view to 100 blocks', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(
      await errorOf(client.views.publish({ user_id: 'U_ADA', view: { type: 'home', blocks } })),
    ).toBe('invalid_arguments');
  });
});

describe('response_url', () => {
  const respond = async (url: string, body: JsonObject) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as JsonObject };
  };

  it('shows an ephemeral reply by default and in_channel replies to everyone', async () => {
    const url = slack.mintResponseUrl({ user: 'U_ADA', channel: 'C_JOBS' });
    await respond(url, { text: 'Only you' });
    await respond(url, { text: 'Everyone', response_type: 'in_channel' });
    expect(slack.ephemerals('U_ADA').map((e) => [e.text, e.source])).toEqual([
      ['Only you', 'response_url'],
    ]);
    expect(
      slack
        .channel('C_JOBS')
        .messages()
        .map((m) => m.text),
    ).toEqual(['Everyone']);
    expect(slack.calls('response_url')).toHaveLength(2);
  });

  it('replaces or deletes the message an interaction came from', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C_JOBS', text: 'card v1' });
    const origin = { kind: 'message' as const, channel: 'C_JOBS', ts: ts as string };
    const url = slack.mintResponseUrl({ user: 'U_ADA', channel: 'C_JOBS', origin });
    await respond(url, { replace_original: true, text: 'card v2' });
    expect(
      slack
        .channel('C_JOBS')
        .messages()
        .map((m) => m.text),
    ).toEqual(['card v2']);
    await respond(url, { delete_original: true });
    expect(slack.channel('C_JOBS').messages()).toEqual([]);
  });

  it('refuses invalid blocks with HTTP 400, which makes Bolt’s respond() throw', async () => {
    const url = slack.mintResponseUrl({ user: 'U_ADA', channel: 'C_JOBS' });
    const res = await respond(url, { blocks: [{ type: 'section' }] });
    expect(res).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_blocks' } });
  });

  it('answers 404 for a response_url it never issued', async () => {
    expect((await respond(`${slack.baseUrl}/response/nope`, { text: 'x' })).status).toBe(404);
  });
});
