// Block Kit to HTML, as the Slack client lays it out. Interactive elements carry their block_id,
// action_id and type as data attributes; the page script turns a click or a choice into the
// block_actions payload Slack would send, and reads inputs back into view.state on submit.

import { attrs, esc, safeUrl } from './html.ts';
import { type RenderContext, renderMrkdwn, renderPlainText } from './mrkdwn.ts';

type Json = Record<string, unknown>;

export interface Choice {
  id: string;
  name: string;
}

export interface BlockContext extends RenderContext {
  /** People a users_select offers (humans of the workspace). */
  people: Choice[];
  /** Conversations a conversations_select or channels_select offers. */
  conversations: Choice[];
  /** Field errors of a modal after `response_action: errors`, by block_id. */
  errors?: Record<string, string> | undefined;
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A text object (mrkdwn or plain_text) as HTML. */
export function renderText(text: unknown, ctx: RenderContext): string {
  if (!isObject(text) || typeof text.text !== 'string') return '';
  if (text.type === 'mrkdwn')
    return renderMrkdwn(text.text, ctx, { verbatim: text.verbatim === true });
  return renderPlainText(text.text, text.emoji !== false);
}

/** Plain text of a text object, for labels inside form controls (options, placeholders). */
function label(text: unknown): string {
  return isObject(text) && typeof text.text === 'string' ? text.text : '';
}

function optionsOf(el: Json): Json[] {
  return [...list(el.options), ...list(el.option_groups).flatMap((g) => list(g.options))];
}

/** The id of an input block's label, which names its control (for screen readers and tests). */
function labelIdOf(block: Json): string {
  return `label-${(str(block.block_id) ?? '').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function ids(
  block: Json,
  el: Json,
  extra: Record<string, string | number | boolean | undefined> = {},
) {
  return attrs({
    'data-block-id': str(block.block_id),
    'data-action-id': str(el.action_id),
    'data-type': str(el.type),
    'aria-labelledby': block.type === 'input' ? labelIdOf(block) : undefined,
    ...extra,
  });
}

/** Controls in inputs only speak when the block asks (dispatch_action); elsewhere they always do. */
function dispatches(block: Json): boolean {
  return block.type !== 'input' || block.dispatch_action === true;
}

function confirmAttr(el: Json): string | undefined {
  if (!isObject(el.confirm)) return undefined;
  return JSON.stringify({
    title: label(el.confirm.title),
    text: label(el.confirm.text),
    confirm: label(el.confirm.confirm) || 'Yes',
    deny: label(el.confirm.deny) || 'Cancel',
  });
}

function button(block: Json, el: Json, ctx: BlockContext): string {
  const style = el.style === 'primary' || el.style === 'danger' ? ` bk-${el.style}` : '';
  const url = str(el.url) ? safeUrl(str(el.url) as string) : undefined;
  return `<button${ids(block, el, {
    class: `bk-button${style}`,
    type: 'button',
    'data-dispatch': '1',
    'data-value': str(el.value),
    'data-url': url,
    'data-confirm': confirmAttr(el),
  })}>${renderText(el.text, ctx)}</button>`;
}

function overflow(block: Json, el: Json, ctx: BlockContext): string {
  const items = list(el.options)
    .map(
      (o) =>
        `<button${attrs({ type: 'button', class: 'bk-menu-item', role: 'menuitem', 'data-value': str(o.value), 'data-url': str(o.url) ? safeUrl(str(o.url) as string) : undefined })}>${renderText(o.text, ctx)}</button>`,
    )
    .join('');
  return `<span${ids(block, el, { class: 'bk-overflow', 'data-dispatch': '1', 'data-confirm': confirmAttr(el) })}><button type="button" class="bk-overflow-toggle" aria-haspopup="menu" aria-label="More actions">&#8942;</button><span class="bk-menu" role="menu" hidden>${items}</span></span>`;
}

function staticOptions(el: Json, selected: (value: string) => boolean): string {
  const option = (o: Json) =>
    `<option${attrs({ value: str(o.value) ?? '', selected: selected(str(o.value) ?? '') })}>${esc(label(o.text))}</option>`;
  const groups = list(el.option_groups);
  if (groups.length) {
    return groups
      .map(
        (g) =>
          `<optgroup${attrs({ label: label(g.label) })}>${list(g.options).map(option).join('')}</optgroup>`,
      )
      .join('');
  }
  return list(el.options).map(option).join('');
}

function choicesOf(el: Json, ctx: BlockContext): Choice[] {
  const type = String(el.type);
  if (/users_select$/.test(type)) return ctx.people;
  if (/(conversations|channels)_select$/.test(type)) return ctx.conversations;
  return optionsOf(el).map((o) => ({ id: str(o.value) ?? '', name: label(o.text) }));
}

function initialOne(el: Json): string | undefined {
  if (isObject(el.initial_option)) return str(el.initial_option.value);
  return str(el.initial_user) ?? str(el.initial_conversation) ?? str(el.initial_channel);
}

function initialMany(el: Json): string[] {
  if (Array.isArray(el.initial_options))
    return list(el.initial_options).map((o) => str(o.value) ?? '');
  const raw = el.initial_users ?? el.initial_conversations ?? el.initial_channels;
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
}

/** A single select: native, with the placeholder as the empty first choice. */
function select(block: Json, el: Json, ctx: BlockContext): string {
  const initial = initialOne(el);
  const placeholder = label(el.placeholder) || 'Select an item';
  const choices =
    el.type === 'static_select'
      ? staticOptions(el, (v) => v === initial)
      : choicesOf(el, ctx)
          .map(
            (c) =>
              `<option${attrs({ value: c.id, selected: c.id === initial })}>${esc(c.name)}</option>`,
          )
          .join('');
  return `<select${ids(block, el, { class: 'bk-select', 'data-state': '1', 'data-dispatch': dispatches(block) ? '1' : undefined })}><option value=""${initial ? '' : ' selected'}>${esc(placeholder)}</option>${choices}</select>`;
}

/** A multi-select: chips of what is chosen (× removes one) and a menu to add more. */
function multiSelect(block: Json, el: Json, ctx: BlockContext): string {
  const choices = choicesOf(el, ctx);
  const chosen = initialMany(el);
  const nameOf = (id: string) => choices.find((c) => c.id === id)?.name ?? id;
  const isPeople = /users_select$/.test(String(el.type));
  const chips = chosen
    .map(
      (id) =>
        `<span${attrs({ class: 'bk-chip', 'data-value': id })}>${isPeople ? '@' : ''}${esc(nameOf(id))}<button type="button" class="bk-chip-remove" aria-label="Remove ${esc(nameOf(id))}">&times;</button></span>`,
    )
    .join('');
  const add = choices
    .filter((c) => !chosen.includes(c.id))
    .map((c) => `<option${attrs({ value: c.id })}>${esc(c.name)}</option>`)
    .join('');
  const max = typeof el.max_selected_items === 'number' ? el.max_selected_items : undefined;
  return `<span${ids(block, el, { class: 'bk-multi', 'data-state': '1', 'data-max': max, 'data-dispatch': dispatches(block) ? '1' : undefined })}>${chips}<select class="bk-multi-add"${attrs({ 'aria-label': label(el.placeholder) || 'Select items' })}><option value="">${esc(label(el.placeholder) || 'Select items')}</option>${add}</select></span>`;
}

function textInput(block: Json, el: Json): string {
  const type = String(el.type);
  const common = {
    class: 'bk-input',
    'data-state': '1',
    'data-dispatch': dispatches(block) ? '1' : undefined,
    placeholder: label(el.placeholder) || undefined,
    maxlength: typeof el.max_length === 'number' ? el.max_length : undefined,
    minlength: typeof el.min_length === 'number' ? el.min_length : undefined,
    autofocus: el.focus_on_load === true,
    name: str(el.action_id),
  };
  const initial =
    str(el.initial_value) ?? (typeof el.initial_value === 'number' ? String(el.initial_value) : '');
  if (type === 'plain_text_input' && el.multiline === true) {
    return `<textarea${ids(block, el, common)} rows="4">${esc(initial)}</textarea>`;
  }
  const inputType =
    type === 'email_text_input'
      ? 'email'
      : type === 'url_text_input'
        ? 'url'
        : type === 'number_input'
          ? 'number'
          : 'text';
  const numberAttrs =
    type === 'number_input'
      ? {
          step: el.is_decimal_allowed === true ? 'any' : '1',
          min: str(el.min_value),
          max: str(el.max_value),
        }
      : {};
  return `<input${ids(block, el, { ...common, ...numberAttrs, type: inputType, value: initial })}>`;
}

function toggles(block: Json, el: Json, ctx: BlockContext): string {
  const multiple = el.type === 'checkboxes';
  const initial = multiple ? initialMany(el) : [initialOne(el)];
  const name = `${str(block.block_id) ?? ''}/${str(el.action_id) ?? ''}`;
  const items = list(el.options)
    .map((o) => {
      const value = str(o.value) ?? '';
      const description = isObject(o.description)
        ? `<span class="bk-option-description">${renderText(o.description, ctx)}</span>`
        : '';
      return `<label class="bk-toggle"><input${attrs({ type: multiple ? 'checkbox' : 'radio', name, value, checked: initial.includes(value) })}><span><span class="bk-option-text">${renderText(o.text, ctx)}</span>${description}</span></label>`;
    })
    .join('');
  return `<div${ids(block, el, { class: 'bk-toggles', 'data-state': '1', 'data-dispatch': dispatches(block) ? '1' : undefined })}>${items}</div>`;
}

function picker(block: Json, el: Json): string {
  const type = el.type === 'timepicker' ? 'time' : 'date';
  const initial = str(el.type === 'timepicker' ? el.initial_time : el.initial_date);
  return `<input${ids(block, el, { class: 'bk-input bk-picker', type, value: initial, 'data-state': '1', 'data-dispatch': dispatches(block) ? '1' : undefined })}>`;
}

function image(el: Json): string {
  const src = str(el.image_url) ? safeUrl(str(el.image_url) as string) : undefined;
  return src
    ? `<img${attrs({ class: 'bk-image-element', src, alt: str(el.alt_text) ?? '' })}>`
    : '';
}

/** One interactive (or image) element. */
export function renderElement(block: Json, el: Json, ctx: BlockContext): string {
  switch (el.type) {
    case 'button':
      return button(block, el, ctx);
    case 'overflow':
      return overflow(block, el, ctx);
    case 'static_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'external_select':
      return select(block, el, ctx);
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
    case 'multi_external_select':
      return multiSelect(block, el, ctx);
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return textInput(block, el);
    case 'checkboxes':
    case 'radio_buttons':
      return toggles(block, el, ctx);
    case 'datepicker':
    case 'timepicker':
      return picker(block, el);
    case 'image':
      return image(el);
    default:
      return `<span class="bk-unsupported">[${esc(el.type)}]</span>`;
  }
}

function section(block: Json, ctx: BlockContext): string {
  const text = block.text ? `<div class="bk-text">${renderText(block.text, ctx)}</div>` : '';
  const fields = list(block.fields);
  const grid = fields.length
    ? `<div class="bk-fields">${fields.map((f) => `<div class="bk-field">${renderText(f, ctx)}</div>`).join('')}</div>`
    : '';
  const accessory = isObject(block.accessory)
    ? `<div class="bk-accessory">${renderElement(block, block.accessory, ctx)}</div>`
    : '';
  return `<div class="bk-section"><div class="bk-section-main">${text}${grid}</div>${accessory}</div>`;
}

function context(block: Json, ctx: BlockContext): string {
  const items = list(block.elements)
    .map((el) => (el.type === 'image' ? image(el) : `<span>${renderText(el, ctx)}</span>`))
    .join('');
  return `<div class="bk-context">${items}</div>`;
}

function input(block: Json, ctx: BlockContext): string {
  const el = isObject(block.element) ? block.element : {};
  const error = str(ctx.errors?.[str(block.block_id) ?? ''] as unknown);
  const optional = block.optional === true ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint = block.hint ? `<div class="bk-hint">${renderText(block.hint, ctx)}</div>` : '';
  return `<div${attrs({ class: error ? 'bk-input-block bk-has-error' : 'bk-input-block', 'data-input-block': str(block.block_id), 'data-optional': block.optional === true ? '1' : undefined, 'data-label': label(block.label) })}><label${attrs({ class: 'bk-label', id: labelIdOf(block) })}>${renderText(block.label, ctx)}${optional}</label>${renderElement(block, el, ctx)}${hint}<div class="bk-error" role="alert"${error ? '' : ' hidden'}>${esc(error ?? '')}</div></div>`;
}

function richText(node: unknown, ctx: BlockContext): string {
  if (Array.isArray(node)) return node.map((n) => richText(n, ctx)).join('');
  if (!isObject(node)) return '';
  const inner = () => richText(node.elements, ctx);
  switch (node.type) {
    case 'rich_text_section':
      return `<p>${inner()}</p>`;
    case 'rich_text_quote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre class="code-block">${inner()}</pre>`;
    case 'rich_text_list':
      return node.style === 'ordered'
        ? `<ol>${list(node.elements)
            .map((e) => `<li>${richText(e.elements, ctx)}</li>`)
            .join('')}</ol>`
        : `<ul>${list(node.elements)
            .map((e) => `<li>${richText(e.elements, ctx)}</li>`)
            .join('')}</ul>`;
    case 'text': {
      const style = isObject(node.style) ? node.style : {};
      let html = esc(node.text).replace(/\n/g, '<br>');
      if (style.code) html = `<code>${html}</code>`;
      if (style.bold) html = `<b>${html}</b>`;
      if (style.italic) html = `<i>${html}</i>`;
      if (style.strike) html = `<s>${html}</s>`;
      return html;
    }
    case 'link': {
      const href = safeUrl(str(node.url) ?? '');
      const text = esc(str(node.text) ?? str(node.url) ?? '');
      return href
        ? `<a${attrs({ href, target: '_blank', rel: 'noopener noreferrer' })}>${text}</a>`
        : text;
    }
    case 'user':
      return renderMrkdwn(`<@${str(node.user_id) ?? ''}>`, ctx);
    case 'channel':
      return renderMrkdwn(`<#${str(node.channel_id) ?? ''}>`, ctx);
    case 'emoji':
      return renderMrkdwn(`:${str(node.name) ?? ''}:`, ctx);
    case 'broadcast':
      return renderMrkdwn(`<!${str(node.range) ?? 'here'}>`, ctx);
    case 'date':
      return renderMrkdwn(
        `<!date^${String(node.timestamp)}^${str(node.format) ?? '{date_short}'}|${str(node.fallback) ?? ''}>`,
        ctx,
      );
    default:
      return inner();
  }
}

/** One block; a type the sandbox does not draw says so instead of vanishing. */
export function renderBlock(block: Json, ctx: BlockContext): string {
  const id = str(block.block_id);
  const wrap = (html: string) =>
    `<div${attrs({ class: `bk-block bk-block-${String(block.type)}`, 'data-block': id })}>${html}</div>`;
  switch (block.type) {
    case 'section':
      return wrap(section(block, ctx));
    case 'header':
      return wrap(`<h3 class="bk-header-text">${renderText(block.text, ctx)}</h3>`);
    case 'divider':
      return wrap('<hr>');
    case 'context':
      return wrap(context(block, ctx));
    case 'actions':
      return wrap(
        `<div class="bk-actions">${list(block.elements)
          .map((el) => renderElement(block, el, ctx))
          .join('')}</div>`,
      );
    case 'input':
      return wrap(input(block, ctx));
    case 'image': {
      const title = block.title
        ? `<div class="bk-image-title">${renderText(block.title, ctx)}</div>`
        : '';
      return wrap(`${title}${image(block)}`);
    }
    case 'rich_text':
      return wrap(`<div class="bk-rich-text">${richText(block.elements, ctx)}</div>`);
    case 'markdown':
      return wrap(`<div class="bk-text">${renderMrkdwn(str(block.text) ?? '', ctx)}</div>`);
    default:
      return wrap(
        `<div class="bk-unsupported">This block (${esc(block.type)}) is not shown in the sandbox.</div>`,
      );
  }
}

export function renderBlocks(blocks: unknown, ctx: BlockContext): string {
  return list(blocks)
    .map((b) => renderBlock(b, ctx))
    .join('');
}
