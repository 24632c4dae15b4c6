// Block Kit rules Slack enforces server-side, as a pure function: a payload in, the list of
// violations out (empty = Slack would accept it). The fake Slack turns violations into the same
// ok:false answers Slack gives, so an app that builds an oversized card fails in tests, not in
// production. Limits are from Slack's Block Kit reference; messages imitate Slack's wording
// ("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]").

import type { JsonObject } from './types.ts';

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  attachments: 100,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  selectOptions: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  checkboxOptions: 10,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  textInputLength: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  videoTitle: 200,
  markdownText: 12_000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

/** The Slack error code a violation maps to, e.g. chat.postMessage → invalid_blocks. */
export type ViolationError =
  | 'invalid_blocks'
  | 'invalid_blocks_format'
  | 'invalid_arguments'
  | 'msg_too_long'
  | 'no_text'
  | 'too_many_attachments';

export interface Violation {
  error: ViolationError;
  /** JSON pointer into the request, as in Slack's response_metadata.messages. */
  pointer: string;
  message: string;
}

/** One line of response_metadata.messages, in Slack's format. */
export function formatViolation(v: Violation): string {
  return `[ERROR] ${v.message} [json-pointer:${v.pointer}]`;
}

const L = BLOCK_KIT_LIMITS;

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);
const COMMON_INTERACTIVE = [
  'button',
  'checkboxes',
  'datepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
];
const ACTIONS_ELEMENTS = new Set([...COMMON_INTERACTIVE, 'datetimepicker']);
const ACCESSORY_ELEMENTS = new Set([...COMMON_INTERACTIVE, 'image']);
const INPUT_ELEMENTS = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
]);

/** Collects violations under one error code. */
class Report {
  readonly violations: Violation[] = [];
  constructor(private readonly error: ViolationError) {}
  add(pointer: string, message: string, error: ViolationError = this.error): void {
    this.violations.push({ error, pointer, message });
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Visits the items of an array with each one's JSON pointer. */
function each(
  items: unknown[] | undefined,
  ptr: string,
  visit: (item: unknown, at: string, index: number) => void,
): void {
  for (const [i, item] of (items ?? []).entries()) visit(item, `${ptr}/${i}`, i);
}

interface StringRule {
  max: number;
  min?: number;
  required?: boolean;
}

function checkString(r: Report, obj: JsonObject, key: string, ptr: string, rule: StringRule) {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (rule.required) r.add(ptr, `missing required field: ${key}`);
    return;
  }
  if (typeof v !== 'string') return r.add(`${ptr}/${key}`, 'must be a string');
  if (v.length > rule.max) r.add(`${ptr}/${key}`, `must be less than ${rule.max + 1} characters`);
  if (v.length < (rule.min ?? 0))
    r.add(`${ptr}/${key}`, `must be more than ${(rule.min ?? 0) - 1} characters`);
}

interface TextRule {
  max: number;
  required?: boolean;
  plainOnly?: boolean;
}

/** A composition text object: { type: plain_text | mrkdwn, text }. Empty text is rejected. */
function checkText(r: Report, obj: JsonObject, key: string, ptr: string, rule: TextRule) {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (rule.required) r.add(ptr, `missing required field: ${key}`);
    return;
  }
  checkTextObject(r, v, `${ptr}/${key}`, rule);
}

function checkTextObject(r: Report, v: unknown, at: string, rule: TextRule) {
  if (!isObject(v)) return r.add(at, 'must provide an object');
  if (rule.plainOnly && v.type !== 'plain_text') r.add(`${at}/type`, 'must be plain_text');
  else if (v.type !== 'plain_text' && v.type !== 'mrkdwn') {
    r.add(`${at}/type`, 'must be plain_text or mrkdwn');
  }
  checkString(r, v, 'text', at, { max: rule.max, min: 1, required: true });
}

interface ArrayRule {
  max: number;
  min?: number;
  required?: boolean;
}

function checkArray(
  r: Report,
  obj: JsonObject,
  key: string,
  ptr: string,
  rule: ArrayRule,
): unknown[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (rule.required) r.add(ptr, `missing required field: ${key}`);
    return undefined;
  }
  const at = `${ptr}/${key}`;
  if (!Array.isArray(v)) {
    r.add(at, 'must provide an array');
    return undefined;
  }
  if (v.length > rule.max) r.add(at, `no more than ${rule.max} items allowed`);
  if (v.length < (rule.min ?? 0)) r.add(at, `must provide at least ${rule.min} items`);
  return v;
}

function checkConfirm(r: Report, el: JsonObject, ptr: string) {
  const c = el.confirm;
  if (c === undefined) return;
  const at = `${ptr}/confirm`;
  if (!isObject(c)) return r.add(at, 'must provide an object');
  checkText(r, c, 'title', at, { max: L.confirmTitle, plainOnly: true, required: true });
  checkText(r, c, 'text', at, { max: L.confirmText, required: true });
  checkText(r, c, 'confirm', at, { max: L.confirmButton, plainOnly: true, required: true });
  checkText(r, c, 'deny', at, { max: L.confirmButton, plainOnly: true, required: true });
}

function checkOption(r: Report, opt: unknown, ptr: string, plainOnly: boolean) {
  if (!isObject(opt)) return r.add(ptr, 'must provide an object');
  checkText(r, opt, 'text', ptr, { max: L.optionText, plainOnly, required: true });
  checkString(r, opt, 'value', ptr, { max: L.optionValue, required: true });
  checkText(r, opt, 'description', ptr, { max: L.optionDescription, plainOnly: true });
  checkString(r, opt, 'url', ptr, { max: L.url });
}

function optionKey(opt: unknown): string {
  return isObject(opt)
    ? JSON.stringify([opt.value, isObject(opt.text) ? opt.text.text : null])
    : '';
}

/** Slack rejects initial options that are not one of the element's options. */
function checkInitialOptions(r: Report, el: JsonObject, ptr: string, options: unknown[]) {
  const known = new Set(options.map(optionKey));
  const initial = el.initial_option !== undefined ? [el.initial_option] : el.initial_options;
  if (!Array.isArray(initial)) return;
  each(initial, `${ptr}/initial_options`, (opt, at) => {
    if (known.has(optionKey(opt))) return;
    r.add(
      el.initial_option !== undefined ? `${ptr}/initial_option` : at,
      'must match one of the provided options',
    );
  });
}

function checkStaticSelect(r: Report, el: JsonObject, ptr: string) {
  if (el.options === undefined && el.option_groups === undefined) {
    return r.add(ptr, 'missing required field: options or option_groups');
  }
  const all: unknown[] = [];
  const options = checkArray(r, el, 'options', ptr, { max: L.selectOptions, min: 1 });
  each(options, `${ptr}/options`, (o, at) => {
    checkOption(r, o, at, true);
    all.push(o);
  });
  const groups = checkArray(r, el, 'option_groups', ptr, { max: L.optionGroups, min: 1 });
  each(groups, `${ptr}/option_groups`, (g, gp) => {
    if (!isObject(g)) return r.add(gp, 'must provide an object');
    checkText(r, g, 'label', gp, { max: L.optionText, plainOnly: true, required: true });
    const groupOptions = checkArray(r, g, 'options', gp, { max: L.selectOptions, required: true });
    each(groupOptions, `${gp}/options`, (o, at) => {
      checkOption(r, o, at, true);
      all.push(o);
    });
  });
  checkInitialOptions(r, el, ptr, all);
}

function checkChoiceOptions(r: Report, el: JsonObject, ptr: string) {
  const options = checkArray(r, el, 'options', ptr, {
    max: L.checkboxOptions,
    min: 1,
    required: true,
  });
  each(options, `${ptr}/options`, (o, at) => checkOption(r, o, at, false));
  if (options) checkInitialOptions(r, el, ptr, options);
}

function checkTextInput(r: Report, el: JsonObject, ptr: string) {
  checkString(r, el, 'initial_value', ptr, { max: L.textInputLength });
  for (const key of ['min_length', 'max_length'] as const) {
    const n = el[key];
    if (n === undefined) continue;
    const min = key === 'min_length' ? 0 : 1;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > L.textInputLength) {
      r.add(`${ptr}/${key}`, `must be an integer from ${min} to ${L.textInputLength}`);
    }
  }
  if (
    typeof el.initial_value === 'string' &&
    typeof el.max_length === 'number' &&
    el.initial_value.length > el.max_length
  ) {
    r.add(`${ptr}/initial_value`, `must be less than ${el.max_length + 1} characters`);
  }
}

function checkImage(r: Report, el: JsonObject, ptr: string) {
  if (el.image_url === undefined && el.slack_file === undefined) {
    r.add(ptr, 'missing required field: image_url');
  }
  checkString(r, el, 'image_url', ptr, { max: L.url });
  checkString(r, el, 'alt_text', ptr, { max: L.imageAltText, min: 1, required: true });
}

/** Element-specific rules, after the placement check. */
function checkElementBody(r: Report, el: JsonObject, type: string, ptr: string) {
  const placeholder = () =>
    checkText(r, el, 'placeholder', ptr, { max: L.placeholder, plainOnly: true });
  switch (type) {
    case 'button':
      checkText(r, el, 'text', ptr, { max: L.buttonText, plainOnly: true, required: true });
      checkString(r, el, 'value', ptr, { max: L.buttonValue });
      checkString(r, el, 'url', ptr, { max: L.url });
      checkString(r, el, 'accessibility_label', ptr, { max: L.buttonText });
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        r.add(`${ptr}/style`, 'must be one of: primary, danger');
      }
      return;
    case 'overflow': {
      const options = checkArray(r, el, 'options', ptr, {
        max: L.overflowOptionsMax,
        min: L.overflowOptionsMin,
        required: true,
      });
      each(options, `${ptr}/options`, (o, at) => checkOption(r, o, at, true));
      return;
    }
    case 'static_select':
    case 'multi_static_select':
      placeholder();
      return checkStaticSelect(r, el, ptr);
    case 'checkboxes':
    case 'radio_buttons':
      return checkChoiceOptions(r, el, ptr);
    case 'datepicker':
      placeholder();
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        r.add(`${ptr}/initial_date`, 'must be in YYYY-MM-DD format');
      }
      return;
    case 'timepicker':
      placeholder();
      if (el.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(el.initial_time))) {
        r.add(`${ptr}/initial_time`, 'must be in HH:mm format');
      }
      return;
    case 'plain_text_input':
      placeholder();
      return checkTextInput(r, el, ptr);
    case 'number_input':
      placeholder();
      if (typeof el.is_decimal_allowed !== 'boolean') {
        r.add(ptr, 'missing required field: is_decimal_allowed');
      }
      return;
    case 'image':
      return checkImage(r, el, ptr);
    case 'workflow_button':
      checkText(r, el, 'text', ptr, { max: L.buttonText, plainOnly: true, required: true });
      if (!isObject(el.workflow)) r.add(ptr, 'missing required field: workflow');
      return;
    default:
      // Other selects and inputs only carry a placeholder worth checking.
      placeholder();
      if (type.startsWith('multi_') && el.max_selected_items !== undefined) {
        const n = el.max_selected_items;
        if (typeof n !== 'number' || n < 1)
          r.add(`${ptr}/max_selected_items`, 'must be at least 1');
      }
  }
}

function checkElement(r: Report, el: unknown, ptr: string, allowed: Set<string>, where: string) {
  if (!isObject(el)) return r.add(ptr, 'must provide an object');
  const type = el.type;
  if (typeof type !== 'string') return r.add(ptr, 'missing required field: type');
  if (!allowed.has(type)) {
    return r.add(`${ptr}/type`, `failed to match all allowed schemas: "${type}" in ${where}`);
  }
  if (type !== 'image') checkString(r, el, 'action_id', ptr, { max: L.actionId, min: 1 });
  checkElementBody(r, el, type, ptr);
  checkConfirm(r, el, ptr);
}

function checkContextElement(r: Report, el: unknown, ptr: string) {
  if (!isObject(el)) return r.add(ptr, 'must provide an object');
  if (el.type === 'image') return checkImage(r, el, ptr);
  if (el.type === 'plain_text' || el.type === 'mrkdwn') {
    return checkString(r, el, 'text', ptr, { max: L.contextText, min: 1, required: true });
  }
  r.add(`${ptr}/type`, 'must be image, plain_text or mrkdwn');
}

/** Slack requires action_ids to be unique within their block. */
function checkUniqueActionIds(r: Report, elements: unknown[], ptr: string) {
  const seen = new Set<string>();
  each(elements, `${ptr}/elements`, (el, at) => {
    const id = isObject(el) ? el.action_id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) r.add(`${at}/action_id`, `duplicate action_id: ${id}`);
    seen.add(id);
  });
}

function checkBlockBody(r: Report, b: JsonObject, type: string, ptr: string) {
  switch (type) {
    case 'section': {
      if (b.text === undefined && b.fields === undefined) {
        r.add(ptr, 'missing required field: text or fields');
      }
      checkText(r, b, 'text', ptr, { max: L.sectionText });
      const fields = checkArray(r, b, 'fields', ptr, { max: L.sectionFields, min: 1 });
      each(fields, `${ptr}/fields`, (f, at) =>
        checkTextObject(r, f, at, { max: L.sectionFieldText }),
      );
      if (b.accessory !== undefined) {
        checkElement(r, b.accessory, `${ptr}/accessory`, ACCESSORY_ELEMENTS, 'a section accessory');
      }
      return;
    }
    case 'header':
      return checkText(r, b, 'text', ptr, { max: L.headerText, plainOnly: true, required: true });
    case 'divider':
      return;
    case 'context': {
      const elements = checkArray(r, b, 'elements', ptr, {
        max: L.contextElements,
        min: 1,
        required: true,
      });
      each(elements, `${ptr}/elements`, (el, at) => checkContextElement(r, el, at));
      return;
    }
    case 'actions': {
      const elements = checkArray(r, b, 'elements', ptr, {
        max: L.actionsElements,
        min: 1,
        required: true,
      });
      each(elements, `${ptr}/elements`, (el, at) =>
        checkElement(r, el, at, ACTIONS_ELEMENTS, 'an actions block'),
      );
      if (elements) checkUniqueActionIds(r, elements, ptr);
      return;
    }
    case 'image':
      checkImage(r, b, ptr);
      return checkText(r, b, 'title', ptr, { max: L.imageTitle, plainOnly: true });
    case 'input':
      checkText(r, b, 'label', ptr, { max: L.inputLabel, plainOnly: true, required: true });
      checkText(r, b, 'hint', ptr, { max: L.inputHint, plainOnly: true });
      if (b.element === undefined) return r.add(ptr, 'missing required field: element');
      return checkElement(r, b.element, `${ptr}/element`, INPUT_ELEMENTS, 'an input block');
    case 'rich_text':
      checkArray(r, b, 'elements', ptr, { max: Number.POSITIVE_INFINITY, required: true });
      return;
    case 'markdown':
      return checkString(r, b, 'text', ptr, { max: L.markdownText, min: 1, required: true });
    case 'video':
      checkText(r, b, 'title', ptr, { max: L.videoTitle, plainOnly: true, required: true });
      for (const key of ['alt_text', 'video_url', 'thumbnail_url']) {
        checkString(r, b, key, ptr, { max: L.url, min: 1, required: true });
      }
      return;
    case 'file':
      checkString(r, b, 'external_id', ptr, { max: L.externalId, required: true });
      checkString(r, b, 'source', ptr, { max: L.externalId, required: true });
      return;
    default:
      r.add(`${ptr}/type`, `failed to match all allowed schemas: unknown block type "${type}"`);
  }
}

function checkBlocks(r: Report, blocks: unknown[], ptr: string, maxBlocks: number) {
  if (blocks.length > maxBlocks) r.add(ptr, `no more than ${maxBlocks} items allowed`);
  const blockIds = new Set<string>();
  each(blocks, ptr, (b, at) => {
    if (!isObject(b)) return r.add(at, 'must provide an object');
    if (typeof b.type !== 'string') return r.add(at, 'missing required field: type');
    checkString(r, b, 'block_id', at, { max: L.blockId, min: 1 });
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) r.add(`${at}/block_id`, `duplicate block_id: ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    checkBlockBody(r, b, b.type, at);
  });
}

export interface MessagePayload {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}

/**
 * Rules for chat.postMessage / chat.update / chat.postEphemeral / response_url bodies.
 * `requireContent` (default true): a message needs text, blocks or attachments (else no_text).
 */
export function validateMessage(
  msg: MessagePayload,
  opts: { requireContent?: boolean } = {},
): Violation[] {
  const r = new Report('invalid_blocks');
  const { text, blocks, attachments } = msg;
  if (text !== undefined && text !== null) {
    if (typeof text !== 'string') r.add('/text', 'must be a string', 'invalid_arguments');
    else if (text.length > L.messageText) {
      r.add('/text', `must be less than ${L.messageText + 1} characters`, 'msg_too_long');
    }
  }
  if (blocks !== undefined && blocks !== null) {
    if (!Array.isArray(blocks)) r.add('/blocks', 'must provide an array', 'invalid_blocks_format');
    else checkBlocks(r, blocks, '/blocks', L.messageBlocks);
  }
  if (attachments !== undefined && attachments !== null) {
    if (!Array.isArray(attachments))
      r.add('/attachments', 'must provide an array', 'invalid_arguments');
    else if (attachments.length > L.attachments) {
      r.add('/attachments', `no more than ${L.attachments} items allowed`, 'too_many_attachments');
    }
  }
  const hasText = typeof text === 'string' && text.trim() !== '';
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if ((opts.requireContent ?? true) && !hasText && !hasBlocks && !hasAttachments) {
    r.add('/', 'must provide text, blocks or attachments', 'no_text');
  }
  return r.violations;
}

/**
 * Rules for the `view` of views.open / push / update / publish. Slack answers these with
 * invalid_arguments (not invalid_blocks) and pointers under /view.
 */
export function validateView(view: unknown, expectedType?: 'modal' | 'home'): Violation[] {
  const r = new Report('invalid_arguments');
  if (!isObject(view)) {
    r.add('/view', 'must provide an object');
    return r.violations;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') r.add('/view/type', 'must be modal or home');
  else if (expectedType && type !== expectedType) r.add('/view/type', `must be ${expectedType}`);
  const blocks = checkArray(r, view, 'blocks', '/view', {
    max: Number.POSITIVE_INFINITY,
    required: true,
  });
  if (blocks) checkBlocks(r, blocks, '/view/blocks', L.viewBlocks);
  if (type === 'modal') {
    const button = { max: L.modalButton, plainOnly: true };
    checkText(r, view, 'title', '/view', { ...button, max: L.modalTitle, required: true });
    checkText(r, view, 'close', '/view', button);
    checkText(r, view, 'submit', '/view', button);
    const hasInput = blocks?.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) {
      r.add('/view', 'missing required field: submit (required when the view has input blocks)');
    }
  }
  checkString(r, view, 'private_metadata', '/view', { max: L.privateMetadata });
  checkString(r, view, 'callback_id', '/view', { max: L.callbackId });
  checkString(r, view, 'external_id', '/view', { max: L.externalId });
  return r.violations;
}
