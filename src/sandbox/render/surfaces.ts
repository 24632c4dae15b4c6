// Whole surfaces as the Slack client draws them: messages (author, time, blocks, thread link),
// ephemerals ("Only visible to you"), the App Home and modals. Each carries the data attributes
// the page script needs to say where a click happened (channel + ts, ephemeral ts, or view id).

import type { EphemeralMessage, SlackMessage, SlackView } from '@jobdesk/fake-slack';
import { type BlockContext, renderBlocks, renderText } from './blocks.ts';
import { attrs, esc } from './html.ts';
import { renderMrkdwn } from './mrkdwn.ts';
import { formatSlackDate } from './slack-date.ts';

export interface SurfaceContext extends BlockContext {
  /** The app's bot user: its messages get the app's name and an APP badge. */
  botUserId: string;
  appName: string;
}

const AVATAR_COLOURS = [
  '#e8912d',
  '#2bac76',
  '#1d9bd1',
  '#e01e5a',
  '#4a154b',
  '#9e5dd6',
  '#3aa3e3',
];

function avatar(id: string, name: string, isApp: boolean): string {
  if (isApp) return '<span class="avatar avatar-app" aria-hidden="true">jd</span>';
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const colour = AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
  return `<span class="avatar" style="background:${colour}" aria-hidden="true">${esc(name.slice(0, 1).toUpperCase())}</span>`;
}

function timeOf(ts: string, ctx: SurfaceContext): string {
  const unix = Math.floor(Number(ts));
  const iso = new Date(unix * 1000).toISOString();
  return `<time${attrs({ class: 'msg-time', datetime: iso, title: formatSlackDate(unix, '{date_long} at {time_secs}', ctx) })}>${esc(formatSlackDate(unix, '{time}', ctx))}</time>`;
}

function body(
  content: { text?: string; blocks?: unknown[] | undefined },
  ctx: SurfaceContext,
): string {
  if (Array.isArray(content.blocks) && content.blocks.length) {
    return `<div class="blocks">${renderBlocks(content.blocks, ctx)}</div>`;
  }
  return `<div class="msg-text">${renderMrkdwn(content.text ?? '', ctx)}</div>`;
}

function author(userId: string, ctx: SurfaceContext): { name: string; isApp: boolean } {
  const isApp = userId === ctx.botUserId;
  return { name: isApp ? ctx.appName : (ctx.userName(userId) ?? userId), isApp };
}

export interface MessageOptions {
  /** Shown in a thread pane: no "N replies" link under it. */
  inThread?: boolean;
}

/** A message of a channel or DM. */
export function renderMessage(
  message: SlackMessage,
  ctx: SurfaceContext,
  options: MessageOptions = {},
): string {
  const who = author(message.user, ctx);
  const replies =
    !options.inThread && message.reply_count
      ? `<button${attrs({ type: 'button', class: 'thread-link', 'data-open-thread': message.ts })}>${message.reply_count} ${message.reply_count === 1 ? 'reply' : 'replies'}</button>`
      : '';
  // Slack marks people's edits; an app updating its own message (a card) is not marked.
  const edited = message.edited && !who.isApp ? ' <span class="msg-edited">(edited)</span>' : '';
  const broadcast =
    message.subtype === 'thread_broadcast'
      ? '<div class="msg-broadcast">replied to a thread</div>'
      : '';
  return `<article${attrs({
    class: who.isApp ? 'msg msg-from-app' : 'msg',
    'data-surface': 'message',
    'data-channel': message.channel,
    'data-ts': message.ts,
  })}>${avatar(message.user, who.name, who.isApp)}<div class="msg-main"><div class="msg-head"><span class="msg-author">${esc(who.name)}</span>${who.isApp ? '<span class="badge-app">APP</span>' : ''}${timeOf(message.ts, ctx)}</div>${broadcast}${body(message, ctx)}${edited}${replies}</div></article>`;
}

/** An ephemeral message: only the person sees it, and can dismiss it. */
export function renderEphemeral(message: EphemeralMessage, ctx: SurfaceContext): string {
  // Slack's own answers (an unknown command) come from Slackbot, not from the app.
  const slackbot = message.source === 'slackbot';
  const author = slackbot
    ? `${avatar('USLACKBOT', 'Slackbot', false)}<div class="msg-main"><div class="msg-head"><span class="msg-author">Slackbot</span>`
    : `${avatar(ctx.botUserId, ctx.appName, true)}<div class="msg-main"><div class="msg-head"><span class="msg-author">${esc(ctx.appName)}</span><span class="badge-app">APP</span>`;
  return `<article${attrs({ class: 'msg msg-ephemeral msg-from-app', 'data-surface': 'ephemeral', 'data-channel': message.channel, 'data-ts': message.ts })}>${author}${timeOf(message.ts, ctx)}</div><div class="ephemeral-note">Only visible to you</div>${body(message, ctx)}<button type="button" class="link-button" data-dismiss="${esc(message.ts)}">Dismiss</button></div></article>`;
}

type TimelineItem =
  | { kind: 'message'; m: SlackMessage }
  | { kind: 'ephemeral'; m: EphemeralMessage };

/** Messages and the person's ephemerals, in the order they happened. */
export function renderTimeline(
  messages: SlackMessage[],
  ephemerals: EphemeralMessage[],
  ctx: SurfaceContext,
  options: MessageOptions = {},
): string {
  const items: TimelineItem[] = [
    ...messages.map((m) => ({ kind: 'message' as const, m })),
    ...ephemerals.map((m) => ({ kind: 'ephemeral' as const, m })),
  ].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  // Like Slack, a divider names the day whenever the day changes (the clock may jump ahead).
  let day = '';
  return items
    .map((item) => {
      const unix = Math.floor(Number(item.m.ts));
      const itemDay = formatSlackDate(unix, '{date_num}', ctx);
      const divider =
        itemDay === day || options.inThread
          ? ''
          : `<div class="day-divider"><span>${esc(formatSlackDate(unix, '{date_long_pretty}', ctx))}</span></div>`;
      day = itemDay;
      const html =
        item.kind === 'message'
          ? renderMessage(item.m, ctx, options)
          : renderEphemeral(item.m, ctx);
      return divider + html;
    })
    .join('');
}

/** The App Home tab: the view the app published for this person, or Slack's empty state. */
export function renderHome(view: SlackView | undefined, ctx: SurfaceContext): string {
  if (!view) {
    return `<div class="home-empty">${esc(ctx.appName)} has not published a Home for you yet.</div>`;
  }
  return `<div${attrs({ class: 'home-view', 'data-surface': 'view', 'data-view-id': view.id })}>${renderBlocks(view.blocks, ctx)}</div>`;
}

/** A modal: title bar, blocks with their field errors, Cancel and Submit. */
export function renderModal(
  view: SlackView,
  ctx: SurfaceContext,
  options: { depth?: number } = {},
): string {
  const submit = view.submit
    ? `<button type="submit" class="bk-button bk-primary modal-submit">${renderText(view.submit, ctx)}</button>`
    : '';
  const close = `<button type="button" class="bk-button modal-close" data-close-view>${renderText(view.close ?? { type: 'plain_text', text: 'Cancel' }, ctx)}</button>`;
  const back =
    (options.depth ?? 1) > 1 ? '<span class="modal-back" aria-hidden="true">&#8249;</span>' : '';
  return `<form${attrs({ class: 'modal', 'data-surface': 'view', 'data-view-id': view.id, 'data-callback-id': view.callback_id, novalidate: true })}><header class="modal-head">${back}${avatar(ctx.botUserId, ctx.appName, true)}<h2 class="modal-title">${renderText(view.title, ctx)}</h2><button type="button" class="modal-x" data-close-view aria-label="Close">&times;</button></header><div class="modal-body blocks">${renderBlocks(view.blocks, ctx)}</div><footer class="modal-foot">${close}${submit}</footer></form>`;
}
