// The test client against a real Bolt 5 app whose Web API client points at the fake Slack:
// signed commands, clicks found by label, modals, App Home and message events, end to end.

import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  HTTPReceiver,
  LogLevel,
  type StaticSelectAction,
} from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackClient } from '../src/client/slack-client.ts';
import { FakeSlack, type JsonObject, visibleText } from '../src/server/index.ts';

const SIGNING_SECRET = 'test-signing-secret';

let slack: FakeSlack;
let app: App;
let user: SlackClient;
/** What the app's listeners received, by listener. */
let received: Record<string, JsonObject[]>;

const plain = (text: string) => ({ type: 'plain_text' as const, text });

const jobCard = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Speed up my theme*' } },
  {
    type: 'actions',
    block_id: 'job_actions',
    elements: [
      { type: 'button', text: plain('Open'), action_id: 'job_open', value: 'job_123' },
      { type: 'users_select', action_id: 'job_assign', placeholder: plain('Assign') },
      {
        type: 'overflow',
        action_id: 'job_more',
        options: [
          { text: plain('Decline'), value: 'decline' },
          { text: plain('Mark inactive'), value: 'inactive' },
        ],
      },
    ],
  },
];

const declineModal = {
  type: 'modal' as const,
  callback_id: 'decline',
  private_metadata: JSON.stringify({ jobId: 'job_123' }),
  notify_on_close: true,
  title: plain('Decline J-12'),
  submit: plain('Decline'),
  blocks: [
    {
      type: 'input',
      block_id: 'reason',
      label: plain('Reason'),
      element: {
        type: 'static_select',
        action_id: 'reason',
        options: [
          { text: plain('Too small'), value: 'too_small' },
          { text: plain('Out of scope'), value: 'out_of_scope' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: plain('Note to the merchant'),
      element: { type: 'plain_text_input', action_id: 'note', multiline: true },
    },
  ],
};

const prefsModal = (available: string) => ({
  type: 'modal' as const,
  callback_id: 'prefs',
  title: plain('Preferences'),
  submit: plain('Save'),
  blocks: [
    {
      type: 'input',
      block_id: 'availability',
      dispatch_action: true,
      label: plain('Availability'),
      element: {
        type: 'static_select',
        action_id: 'prefs_availability',
        options: [
          { text: plain('Available'), value: 'yes' },
          { text: plain('Away'), value: 'no' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'email',
      label: plain('Alert email'),
      element: { type: 'email_text_input', action_id: 'email' },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Available: ${available}` }] },
  ],
});

function record(listener: string, body: unknown): void {
  received[listener] = [...(received[listener] ?? []), body as JsonObject];
}

function registerListeners(bolt: App): void {
  bolt.command('/jobs', async ({ ack, command, client }) => {
    record('command', command);
    if (command.text === 'help') return ack('Usage: /jobs [mine|new|help]');
    await ack();
    if (command.text === 'prefs') {
      await client.views.open({ trigger_id: command.trigger_id, view: prefsModal('unknown') });
      return;
    }
    if (command.text === 'decline') {
      await client.views.open({ trigger_id: command.trigger_id, view: declineModal });
      return;
    }
    await client.chat.postMessage({
      channel: command.channel_id,
      text: 'New job',
      blocks: jobCard,
    });
  });
  bolt.action<BlockAction>('job_open', async ({ ack, body, respond }) => {
    await ack();
    record('job_open', body);
    await respond({ replace_original: true, text: `Opened by <@${body.user.id}>` });
  });
  bolt.action<BlockAction>({ action_id: /^job_(more|assign)$/ }, async ({ ack, body }) => {
    await ack();
    record('job_picker', body);
  });
  bolt.action<BlockAction<StaticSelectAction>>(
    'prefs_availability',
    async ({ ack, body, action, client }) => {
      await ack();
      record('prefs_availability', body);
      if (!body.view) return;
      // The hash makes Slack refuse the update if the modal changed meanwhile.
      await client.views.update({
        view_id: body.view.id,
        hash: body.view.hash,
        view: prefsModal(action.selected_option.value),
      });
    },
  );
  bolt.view('decline', async ({ ack, view }) => {
    record('decline', view);
    const note = view.state.values.note?.note?.value ?? '';
    if (note.length < 5) {
      await ack({
        response_action: 'errors',
        errors: { note: 'Tell the merchant why, in a few words' },
      });
      return;
    }
    await ack();
  });
  bolt.view({ callback_id: 'decline', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    record('decline_closed', body);
  });
  bolt.event('app_home_opened', async ({ event, client }) => {
    const blocks = [
      {
        type: 'actions',
        elements: [{ type: 'button', text: plain('Refresh'), action_id: 'home_refresh' }],
      },
    ];
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  });
  bolt.action('home_refresh', async ({ ack, body }) => {
    await ack();
    record('home_refresh', body);
  });
  bolt.message(async ({ message, client }) => {
    if (message.subtype !== undefined || !('text' in message)) return;
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: message.ts,
      text: `Got: ${message.text}`,
    });
  });
}

beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: 'C_JOBS', name: 'jobs' }] });
  slack.addUser({ id: 'U_ADA', name: 'ada' });
  slack.addUser({ id: 'U_BOB', name: 'bob' });
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  app = new App({
    receiver,
    token: slack.botToken,
    // Given both ids, Bolt skips its auth.test call at start-up.
    botId: slack.botId,
    botUserId: slack.botUserId,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  registerListeners(app);
  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  user = new SlackClient({
    url: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    slack,
  });
});

afterAll(async () => {
  await app.stop();
  await slack.stop();
});

beforeEach(() => {
  slack.reset();
  received = {};
});

/** The first `actions[]` entry a listener received. */
function firstAction(listener: string): JsonObject | undefined {
  const actions = received[listener]?.[0]?.actions;
  return Array.isArray(actions) ? (actions[0] as JsonObject) : undefined;
}

/** Posts the job card through the app, as every click test needs one. */
async function postCard(): Promise<string> {
  await user.command('/jobs', { user: 'U_ADA', channel: 'C_JOBS' });
  const card = await slack.waitFor(() => slack.channel('C_JOBS').latest());
  return card.ts;
}

describe('slash commands', () => {
  it('are signed and acked, and the app’s post lands in the fake', async () => {
    const res = await user.command('/jobs', { user: 'U_ADA', channel: 'C_JOBS' });
    expect(res.status).toBe(200);
    const card = await slack.waitFor(() => slack.channel('C_JOBS').latest());
    expect(card).toMatchObject({ text: 'New job', user: 'U_BOT' });
    expect(received.command?.[0]).toMatchObject({
      command: '/jobs',
      text: '',
      user_id: 'U_ADA',
      user_name: 'ada',
      channel_id: 'C_JOBS',
      channel_name: 'jobs',
      team_id: 'T_TEAM',
      api_app_id: 'A_APP',
      trigger_id: res.triggerId,
      response_url: res.responseUrl,
    });
  });

  it('show a text ack to the person only, like Slack', async () => {
    const res = await user.command('/jobs help', { user: 'U_ADA', channel: 'C_JOBS' });
    expect(res).toMatchObject({ status: 200, body: 'Usage: /jobs [mine|new|help]', problems: [] });
    expect(slack.ephemerals('U_ADA')).toEqual([
      expect.objectContaining({
        channel: 'C_JOBS',
        text: 'Usage: /jobs [mine|new|help]',
        source: 'ack',
      }),
    ]);
  });

  it('are refused by Bolt when the signature is wrong or stale', async () => {
    const body = 'command=%2Fjobs&text=&user_id=U_ADA';
    const form = 'application/x-www-form-urlencoded';
    expect((await user.send(body, form, { signature: 'v0=deadbeef' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await user.send(body, form, { timestamp: stale })).status).toBe(401);
    expect(received.command).toBeUndefined();
  });
});

describe('clicking', () => {
  it('finds a button by its label and reaches the app.action listener', async () => {
    const ts = await postCard();
    const res = await user.click('Open', { user: 'U_BOB', in: { channel: 'C_JOBS' } });
    expect(res.status).toBe(200);
    const body = received.job_open?.[0];
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U_BOB', team_id: 'T_TEAM' },
      container: { type: 'message', message_ts: ts, channel_id: 'C_JOBS', is_ephemeral: false },
      channel: { id: 'C_JOBS', name: 'jobs' },
      message: { ts, text: 'New job' },
      trigger_id: res.triggerId,
      actions: [
        { type: 'button', action_id: 'job_open', block_id: 'job_actions', value: 'job_123' },
      ],
    });
    // The listener's respond({ replace_original }) went to the fake's response_url.
    await slack.waitFor(() => slack.channel('C_JOBS').message(ts)?.text === 'Opened by <@U_BOB>');
  });

  it('picks an overflow menu option by its label', async () => {
    await postCard();
    await user.click('Decline', { user: 'U_ADA' });
    const action = firstAction('job_picker');
    expect(action).toMatchObject({
      type: 'overflow',
      action_id: 'job_more',
      selected_option: { value: 'decline' },
    });
  });

  it('picks a user in a users_select', async () => {
    await postCard();
    await user.select('Assign', 'U_BOB', { user: 'U_ADA', in: { channel: 'C_JOBS' } });
    const action = firstAction('job_picker');
    expect(action).toMatchObject({
      type: 'users_select',
      action_id: 'job_assign',
      selected_user: 'U_BOB',
    });
  });

  it('says what it saw when no control has the label', async () => {
    await postCard();
    await expect(
      user.click('Assign to me', { user: 'U_ADA', in: { channel: 'C_JOBS' } }),
    ).rejects.toThrow(
      /No button or overflow option labelled Assign to me[\s\S]*Open \| users_select "Assign" \| ⋯ Decline/,
    );
  });

  it('clicks in the App Home the app published on app_home_opened', async () => {
    await user.appHomeOpened('U_ADA');
    await slack.waitFor(() => slack.home('U_ADA'));
    await user.click('Refresh', { user: 'U_ADA', in: { home: true } });
    expect(received.home_refresh?.[0]).toMatchObject({
      container: { type: 'view', view_id: slack.home('U_ADA')?.id },
      view: { type: 'home' },
    });
  });
});

describe('modals', () => {
  async function openDecline(): Promise<void> {
    await user.command('/jobs decline', { user: 'U_ADA', channel: 'C_JOBS' });
    await slack.waitFor(() => slack.openView('U_ADA'));
  }

  it('opens with the trigger_id the client sent', async () => {
    await openDecline();
    expect(slack.openView('U_ADA')).toMatchObject({
      callback_id: 'decline',
      title: { text: 'Decline J-12' },
    });
    expect(slack.calls('views.open')[0]).toMatchObject({ ok: true });
  });

  it('returns the response_action errors and keeps the modal open with them', async () => {
    await openDecline();
    const res = await user.submitView({
      user: 'U_ADA',
      values: { Reason: 'Too small', note: 'no' },
    });
    expect(res).toMatchObject({
      status: 200,
      responseAction: 'errors',
      errors: { note: 'Tell the merchant why, in a few words' },
      problems: [],
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { note: 'Tell the merchant why, in a few words' },
    });
    expect(slack.viewErrors('U_ADA')).toEqual({ note: 'Tell the merchant why, in a few words' });
    const view = received.decline?.[0] as JsonObject & { state: { values: JsonObject } };
    expect(view.state.values).toEqual({
      reason: {
        reason: {
          type: 'static_select',
          selected_option: { text: plain('Too small'), value: 'too_small' },
        },
      },
      note: { note: { type: 'plain_text_input', value: 'no' } },
    });
    expect(view.private_metadata).toBe('{"jobId":"job_123"}');
  });

  it('closes the modal when the app acks without errors', async () => {
    await openDecline();
    const res = await user.submitView({
      user: 'U_ADA',
      values: { reason: 'out_of_scope', note: 'Not a theme job' },
    });
    expect(res).toMatchObject({ status: 200, body: '', problems: [] });
    expect(slack.openView('U_ADA')).toBeUndefined();
  });

  it('refuses to submit a form Slack would not submit', async () => {
    await openDecline();
    await expect(
      user.submitView({ user: 'U_ADA', values: { note: 'Not a theme job' } }),
    ).rejects.toThrow(/"Reason" is required/);
    expect(received.decline).toBeUndefined();
  });

  it('tells the app when the person closes a notify_on_close modal', async () => {
    await openDecline();
    const res = await user.closeView({ user: 'U_ADA' });
    expect(res?.status).toBe(200);
    expect(received.decline_closed?.[0]).toMatchObject({
      type: 'view_closed',
      view: { callback_id: 'decline' },
    });
    expect(slack.openView('U_ADA')).toBeUndefined();
  });
});

describe('controls inside a modal', () => {
  it('send block_actions for dispatch_action inputs, which the app answers with views.update', async () => {
    await user.command('/jobs prefs', { user: 'U_ADA', channel: 'C_JOBS' });
    const opened = await slack.waitFor(() => slack.openView('U_ADA'));
    await user.select('Availability', 'Away', {
      user: 'U_ADA',
      in: { modal: true },
      values: { email: 'ada@x.io' },
    });
    expect(received.prefs_availability?.[0]).toMatchObject({
      container: { type: 'view', view_id: opened.id },
      view: {
        id: opened.id,
        hash: opened.hash,
        state: {
          values: {
            availability: { prefs_availability: { selected_option: { value: 'no' } } },
            email: { email: { type: 'email_text_input', value: 'ada@x.io' } },
          },
        },
      },
    });
    const updated = await slack.waitFor(() => {
      const view = slack.openView('U_ADA');
      return view && visibleText(view).includes('Available: no') ? view : undefined;
    });
    expect(updated.id).toBe(opened.id);
  });

  it('refuse to act on inputs Slack sends no block_actions for', async () => {
    await user.command('/jobs prefs', { user: 'U_ADA', channel: 'C_JOBS' });
    await slack.waitFor(() => slack.openView('U_ADA'));
    await expect(
      user.select('Alert email', 'ada@x.io', { user: 'U_ADA', in: { modal: true } }),
    ).rejects.toThrow(/no dispatch_action/);
  });
});

describe('message events', () => {
  it('stores the person’s message and delivers the event', async () => {
    const res = await user.message({ user: 'U_ADA', channel: 'C_JOBS', text: 'anyone?' });
    expect(res.status).toBe(200);
    const reply = await slack.waitFor(() => slack.channel('C_JOBS').thread(res.ts)[0]);
    expect(reply).toMatchObject({ text: 'Got: anyone?', user: 'U_BOT' });
    expect(
      slack
        .channel('C_JOBS')
        .messages()
        .map((m) => [m.user, m.text]),
    ).toEqual([['U_ADA', 'anyone?']]);
  });
});
