/**
 * The signed requests the benchmarks send as Slack would: `/jobs list` slash commands and
 * "Assign to me" clicks on job cards, each with a response_url minted by the fake Slack (so the
 * benchmark can tell when jobdesk answered it).
 */
import type { FakeSlack, JsonObject, SlackUser } from '@jobdesk/fake-slack';
import { commandForm, signedHeaders } from '@jobdesk/fake-slack/client';
import { ACTIONS } from '../../src/slack/ids.ts';
import type { PreparedRequest } from './load.ts';

const FORM = 'application/x-www-form-urlencoded';

export interface SlackRequest extends PreparedRequest {
  /** The id of the response_url it carries: the fake's `response_url` calls name it. */
  responseUrlId: string;
}

/** A job card in the channel, as a click on its "Assign to me" carries it. */
export interface Card {
  number: number;
  /** What Slack sends back with a click: the message as the channel holds it. */
  message: JsonObject;
  blockId: string;
}

function nowTs(): string {
  const micros = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

function signed(secret: string, body: string, responseUrl: string): SlackRequest {
  return {
    body,
    headers: { 'Content-Type': FORM, ...signedHeaders(secret, body) },
    responseUrlId: responseUrl.slice(responseUrl.lastIndexOf('/') + 1),
  };
}

/** The block holding a card's "Assign to me" button, if the card shows one. */
export function assignBlock(blocks: JsonObject[]): JsonObject | undefined {
  return blocks.find((block) =>
    (block.elements as JsonObject[] | undefined)?.some(
      (element) => element.action_id === ACTIONS.assignSelf,
    ),
  );
}

/**
 * The job cards jobdesk posted to `channel` that show "Assign to me" (a card shows it while
 * nobody is on the job), as the channel holds them.
 */
export function postedCards(slack: FakeSlack, channel: string): Card[] {
  const cards: Card[] = [];
  for (const message of slack.channel(channel).messages()) {
    const blocks = message.blocks ?? [];
    const holder = assignBlock(blocks);
    const button = (holder?.elements as JsonObject[] | undefined)?.find(
      (element) => element.action_id === ACTIONS.assignSelf,
    );
    if (!holder || !button) continue;
    cards.push({
      number: Number(button.value),
      blockId: String(holder.block_id ?? 'card_actions'),
      message: message as unknown as JsonObject,
    });
  }
  return cards;
}

/** An "Assign to me" click by `user` on `card`, signed with `secret`. */
export function assignClick(
  slack: FakeSlack,
  secret: string,
  o: { card: Card; user: SlackUser; channel: string },
): SlackRequest {
  const { card, user, channel } = o;
  const responseUrl = slack.mintResponseUrl({
    user: user.id,
    channel,
    origin: { kind: 'message', channel, ts: String(card.message.ts) },
  });
  const payload = {
    type: 'block_actions',
    team: { id: slack.teamId, domain: slack.teamDomain },
    user: { id: user.id, username: user.name, name: user.name, team_id: user.team_id },
    api_app_id: slack.appId,
    token: 'fake-verification-token',
    is_enterprise_install: false,
    enterprise: null,
    trigger_id: slack.mintTriggerId(user.id),
    container: {
      type: 'message',
      message_ts: card.message.ts,
      channel_id: channel,
      is_ephemeral: false,
    },
    channel: { id: channel, name: 'jobs' },
    message: card.message,
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: ACTIONS.assignSelf,
        block_id: card.blockId,
        text: { type: 'plain_text', text: 'Assign to me', emoji: true },
        value: String(card.number),
        action_ts: nowTs(),
      },
    ],
  };
  return signed(
    secret,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    responseUrl,
  );
}

/** `/jobs list` typed by `user` in `channel`, signed with `secret`. */
export function listCommand(
  slack: FakeSlack,
  secret: string,
  o: { user: SlackUser; channel: string },
): SlackRequest {
  const responseUrl = slack.mintResponseUrl({ user: o.user.id, channel: o.channel });
  const form = commandForm(slack, {
    command: '/jobs',
    text: 'list',
    user: o.user,
    channel: o.channel,
    channelName: 'jobs',
    teamId: slack.teamId,
    triggerId: slack.mintTriggerId(o.user.id),
    responseUrl,
  });
  return signed(secret, form, responseUrl);
}

/**
 * Clicks on `cards` in turn, by `users` in turn; each pass over the cards shifts who clicks, so
 * a click is a new assignment (a new person on the job).
 */
export function clicksOn(
  slack: FakeSlack,
  secret: string,
  o: { cards: Card[]; users: SlackUser[]; channel: string },
): () => SlackRequest {
  let clicks = 0;
  return () => {
    const c = clicks++;
    const card = o.cards[c % o.cards.length];
    const user = o.users[(c + Math.floor(c / o.cards.length) * 7) % o.users.length];
    if (!card || !user) throw new Error('no card or no user to click with');
    return assignClick(slack, secret, { card, user, channel: o.channel });
  };
}

/** `/jobs list` commands, by `users` in turn. */
export function listsBy(
  slack: FakeSlack,
  secret: string,
  o: { users: SlackUser[]; channel: string },
): () => SlackRequest {
  let commands = 0;
  return () => {
    const user = o.users[commands++ % o.users.length];
    if (!user) throw new Error('no user to type the command');
    return listCommand(slack, secret, { user, channel: o.channel });
  };
}

/** How many of `sent` the app has answered through their response_url. */
export function answeredCount(slack: FakeSlack, sent: SlackRequest[]): number {
  const ids = new Set(sent.map((r) => r.responseUrlId));
  return slack.calls('response_url').filter((c) => ids.has(String(c.args.response_url_id))).length;
}
