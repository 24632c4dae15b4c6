// Slack's mrkdwn as the Slack client shows it: *bold*, _italic_, ~strike~, `code`, ```blocks```,
// > quotes, :emoji:, and the `<…>` tokens (mentions, channels, @here, dates, links). Only a real
// `<` starts a token: text the app escaped (`&lt;!channel&gt;`) is shown as the literal text it
// is, which is how the sandbox proves a merchant can never ping the channel or forge a link.

import { emojify } from './emoji.ts';
import { attrs, esc, safeUrl } from './html.ts';
import { type DateContext, formatSlackDate } from './slack-date.ts';

export interface RenderContext extends DateContext {
  /** Display name of a workspace member, when the sandbox knows them. */
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
  /** The person looking at the page: mentions of them stand out, as in Slack. */
  me?: string | undefined;
}

export interface MrkdwnOptions {
  /** Slack's `verbatim`: no auto-linking of bare URLs. Formatting and tokens still apply. */
  verbatim?: boolean;
}

/** The three entities Slack decodes; anything else (`&quot;`) stays as typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

function mention(inner: string, ctx: RenderContext): string {
  const [id = '', label] = inner.slice(1).split('|');
  const name = ctx.userName(id) ?? (label ? decodeEntities(label) : id);
  const mine = ctx.me !== undefined && ctx.me === id;
  return `<span${attrs({ class: mine ? 'mention mention-me' : 'mention', 'data-user-id': id })}>@${esc(name)}</span>`;
}

function special(inner: string, ctx: RenderContext): string {
  const [head = '', label] = inner.split('|');
  const parts = head.split('^');
  const kind = parts[0];
  if (kind === '!here' || kind === '!channel' || kind === '!everyone') {
    return `<span class="mention mention-broadcast">@${esc(kind.slice(1))}</span>`;
  }
  if (kind === '!subteam') {
    return `<span class="mention">${esc(label ? decodeEntities(label) : '@group')}</span>`;
  }
  if (kind === '!date') {
    const unix = Number(parts[1]);
    const fallback = label ? decodeEntities(label) : '';
    if (!Number.isFinite(unix)) return esc(fallback);
    const shown = formatSlackDate(unix, decodeEntities(parts[2] ?? '{date_short}'), ctx);
    const time = `<time${attrs({ class: 'slack-date', datetime: new Date(unix * 1000).toISOString(), title: fallback })}>${esc(shown)}</time>`;
    const link = parts[3] ? safeUrl(decodeEntities(parts[3])) : undefined;
    return link
      ? `<a${attrs({ href: link, target: '_blank', rel: 'noopener noreferrer' })}>${time}</a>`
      : time;
  }
  return esc(label ? decodeEntities(label) : `<${decodeEntities(inner)}>`);
}

function link(inner: string): string {
  const bar = inner.indexOf('|');
  const target = decodeEntities(bar === -1 ? inner : inner.slice(0, bar));
  const label = bar === -1 ? target : decodeEntities(inner.slice(bar + 1));
  const href = safeUrl(target);
  if (!href) return esc(label === target ? `<${target}>` : label);
  return `<a${attrs({ href, target: '_blank', rel: 'noopener noreferrer' })}>${esc(label)}</a>`;
}

/** One `<…>` token as HTML. */
export function renderToken(inner: string, ctx: RenderContext): string {
  if (inner.startsWith('@')) return mention(inner, ctx);
  if (inner.startsWith('#')) {
    const [id = '', label] = inner.slice(1).split('|');
    const name = ctx.channelName(id) ?? (label ? decodeEntities(label) : id);
    return `<span class="channel-link">#${esc(name)}</span>`;
  }
  if (inner.startsWith('!')) return special(inner, ctx);
  return link(inner);
}

/** A token as the plain text it shows, for code spans (where Slack does not render tokens). */
function tokenText(inner: string, ctx: RenderContext): string {
  const html = renderToken(inner, ctx);
  return decodeHtml(html.replace(/<[^>]*>/g, ''));
}

function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function codeText(raw: string, ctx: RenderContext): string {
  return esc(
    decodeEntities(raw.replace(/<([^<>\n]*)>/g, (_, inner: string) => tokenText(inner, ctx))),
  );
}

const BOLD = /(^|[^\p{L}\p{N}*])\*(?!\s)([^*\n]*?[^\s*]|[^\s*])\*(?![\p{L}\p{N}*])/gu;
const ITALIC = /(^|[^\p{L}\p{N}_])_(?!\s)([^_\n]*?[^\s_]|[^\s_])_(?![\p{L}\p{N}_])/gu;
const STRIKE = /(^|[^\p{L}\p{N}~])~(?!\s)([^~\n]*?[^\s~]|[^\s~])~(?![\p{L}\p{N}~])/gu;

/** Inline mrkdwn of one paragraph (no code blocks, no quotes) as HTML. */
function renderInline(text: string, ctx: RenderContext, options: MrkdwnOptions): string {
  const pieces: string[] = [];
  const hold = (html: string) => {
    pieces.push(html);
    return `${OPEN}${pieces.length - 1}${CLOSE}`;
  };
  let work = text.replace(/`([^`\n]+)`/g, (_, code: string) =>
    hold(`<code>${codeText(code, ctx)}</code>`),
  );
  work = work.replace(/<([^<>\n]*)>/g, (_, inner: string) => hold(renderToken(inner, ctx)));
  if (!options.verbatim) {
    work = work.replace(/\bhttps?:\/\/[^\s<>\uE000]+[^\s<>\uE000.,;:!?)]/g, (url) =>
      hold(link(url)),
    );
  }
  let html = esc(decodeEntities(work));
  html = html.replace(BOLD, '$1<b>$2</b>');
  html = html.replace(ITALIC, '$1<i>$2</i>');
  html = html.replace(STRIKE, '$1<s>$2</s>');
  html = emojify(html);
  html = html.replace(PLACEHOLDER, (_, i: string) => pieces[Number(i)] ?? '');
  return html.replace(/\n/g, '<br>');
}

/** Paragraph text with `>` quote lines grouped into block quotes. */
function renderQuotes(text: string, ctx: RenderContext, options: MrkdwnOptions): string {
  const out: string[] = [];
  let plain: string[] = [];
  let quoted: string[] = [];
  const flush = () => {
    if (plain.length) out.push(renderInline(plain.join('\n'), ctx, options));
    if (quoted.length)
      out.push(`<blockquote>${renderInline(quoted.join('\n'), ctx, options)}</blockquote>`);
    plain = [];
    quoted = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      if (plain.length) flush();
      quoted.push(line.slice(1).replace(/^ /, ''));
    } else {
      if (quoted.length) flush();
      plain.push(line);
    }
  }
  flush();
  return out.join('');
}

/** Slack mrkdwn (as the app sends it) to HTML. */
export function renderMrkdwn(
  text: string,
  ctx: RenderContext,
  options: MrkdwnOptions = {},
): string {
  const parts = text.split(/```([\s\S]*?)```/);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? `<pre class="code-block">${codeText(part.replace(/^\n/, ''), ctx)}</pre>`
        : renderQuotes(part, ctx, options),
    )
    .join('');
}

/** A plain_text object's text: no markup at all, emoji shortcodes only when `emoji` is on. */
export function renderPlainText(text: string, emoji = true): string {
  const html = esc(text).replace(/\n/g, '<br>');
  return emoji ? emojify(html) : html;
}
