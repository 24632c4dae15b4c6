// Request bodies shaped like the ones Slack sends: slash command form fields, interactivity
// payloads (block_actions, view_submission, view_closed) and Events API envelopes.

import type { FakeSlack, JsonObject, SlackUser, SlackView } from '../server/index.ts';
import type { Found } from './find-element.ts';
import { type BuiltState, type FieldValue, selection } from './view-state.ts';

/** Slack's verification token: deprecated, still sent, never to be trusted. */
const VERIFICATION_TOKEN = 'fake-verification-token';

function nowTs(): string {
  const micros = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

/** Fields every interactivity payload carries. */
function envelope(slack: FakeSlack, user: SlackUser): JsonObject {
  return {
    team: { id: slack.teamId, domain: slack.teamDomain },
    user: { id: user.id, username: user.name, name: user.name, team_id: user.team_id },
    api_app_id: slack.appId,
    token: VERIFICATION_TOKEN,
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface CommandFields {
  command: string;
  text: string;
  user: SlackUser;
  channel: string;
  channelName: string;
  teamId: string;
  triggerId: string;
  responseUrl: string;
}

export function commandForm(slack: FakeSlack, f: CommandFields): string {
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: f.teamId,
    team_domain: slack.teamDomain,
    channel_id: f.channel,
    channel_name: f.channelName,
    user_id: f.user.id,
    user_name: f.user.name,
    command: f.command,
    text: f.text,
    api_app_id: slack.appId,
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: f.triggerId,
  }).toString();
}

/** The `actions[0]` entry for the element found, with the person's choice for pickers. */
export function actionFor(found: Found, choice?: FieldValue): JsonObject {
  const { element, block } = found.ref;
  const base = {
    type: element.type,
    action_id: element.action_id,
    block_id: block.block_id,
    action_ts: nowTs(),
  };
  if (element.type === 'button') {
    return {
      ...base,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
    };
  }
  if (element.type === 'overflow') return { ...base, selected_option: found.option };
  return { ...base, ...selection(element, choice) };
}

export interface BlockActionsFields {
  user: SlackUser;
  found: Found;
  action: JsonObject;
  state: BuiltState;
  triggerId: string;
  responseUrl?: string;
  channelName?: string;
}

/** block_actions: container, channel and message (or view) depend on where the control sits. */
export function blockActionsPayload(slack: FakeSlack, f: BlockActionsFields): JsonObject {
  const { surface } = f.found;
  const where: JsonObject = {};
  if (surface.kind === 'view') {
    where.container = { type: 'view', view_id: surface.view.id };
    where.view = { ...surface.view, state: { values: f.state.values } };
  } else {
    const channel = surface.kind === 'message' ? surface.channel : surface.message.channel;
    const { message } = surface;
    where.container = {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel,
      is_ephemeral: surface.kind === 'ephemeral',
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    };
    where.channel = { id: channel, name: f.channelName ?? channel };
    // Slack sends the message body for channel messages only, never for ephemerals.
    if (surface.kind === 'message') {
      const { channel: _omit, ...body } = surface.message;
      where.message = body;
    }
    where.state = { values: f.state.values };
    where.response_url = f.responseUrl;
  }
  return {
    type: 'block_actions',
    ...envelope(slack, f.user),
    trigger_id: f.triggerId,
    ...where,
    actions: [f.action],
  };
}

export function viewSubmissionPayload(
  slack: FakeSlack,
  user: SlackUser,
  view: SlackView,
  state: BuiltState,
  triggerId: string,
): JsonObject {
  return {
    type: 'view_submission',
    ...envelope(slack, user),
    trigger_id: triggerId,
    view: { ...view, state: { values: state.values } },
    response_urls: [],
  };
}

export function viewClosedPayload(
  slack: FakeSlack,
  user: SlackUser,
  view: SlackView,
  cleared: boolean,
): JsonObject {
  return {
    type: 'view_closed',
    ...envelope(slack, user),
    view,
    is_cleared: cleared,
  };
}

let eventCount = 0;

/** The Events API envelope around an event; Bolt acks these before running listeners. */
export function eventCallback(slack: FakeSlack, event: JsonObject): JsonObject {
  eventCount += 1;
  const eventTs = typeof event.event_ts === 'string' ? event.event_ts : nowTs();
  return {
    token: VERIFICATION_TOKEN,
    team_id: slack.teamId,
    api_app_id: slack.appId,
    event: { ...event, event_ts: eventTs },
    type: 'event_callback',
    event_id: `Ev${String(eventCount).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: slack.teamId,
        user_id: slack.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
