// `state.values` as Slack builds it from what a person filled in: every stateful element of the
// view, keyed block_id → action_id, with its initial value unless the test supplies another.
// Slack's own client-side checks (required inputs, lengths, numbers) run before a submission,
// so a form a person could not submit throws here instead of reaching the app.

import { type ElementRef, elementsOf, type JsonObject, textOf } from '../server/index.ts';

/** A person's input: text, an option (value or label), user/channel id(s), a date 'YYYY-MM-DD'… */
export type FieldValue = string | number | string[] | null;

/**
 * Keyed by block_id or by the input's label. A value applies to the block's only element;
 * for a block with several elements give `{ [action_id]: value }`.
 */
export type FieldValues = Record<string, FieldValue | Record<string, FieldValue>>;

export type StateValues = Record<string, Record<string, JsonObject>>;

const TEXT_INPUTS = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
]);

function optionsOf(el: JsonObject): JsonObject[] {
  const direct = Array.isArray(el.options) ? (el.options as JsonObject[]) : [];
  const grouped = Array.isArray(el.option_groups)
    ? (el.option_groups as JsonObject[]).flatMap((g) =>
        Array.isArray(g.options) ? (g.options as JsonObject[]) : [],
      )
    : [];
  return [...direct, ...grouped];
}

function pickOption(el: JsonObject, choice: string): JsonObject {
  if (el.type === 'external_select' || el.type === 'multi_external_select') {
    return { text: { type: 'plain_text', text: choice }, value: choice };
  }
  const options = optionsOf(el);
  const option =
    options.find((o) => o.value === choice) ?? options.find((o) => textOf(o.text) === choice);
  if (!option) {
    const known = options.map((o) => `${textOf(o.text)} (${String(o.value)})`).join(', ');
    throw new Error(`No option "${choice}" in ${String(el.action_id)}; options: ${known}`);
  }
  return option;
}

function list(choice: FieldValue): string[] {
  if (choice === null) return [];
  return Array.isArray(choice) ? choice : [String(choice)];
}

function one(choice: FieldValue): string | null {
  return choice === null ? null : Array.isArray(choice) ? (choice[0] ?? null) : String(choice);
}

/** The selected_* / value fields for an element, from a person's choice (undefined: initial value). */
export function selection(el: JsonObject, choice?: FieldValue): JsonObject {
  const initial = choice === undefined;
  const type = String(el.type);
  if (TEXT_INPUTS.has(type)) return { value: initial ? (el.initial_value ?? null) : one(choice) };
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const picked = initial ? null : one(choice);
      return {
        selected_option: initial ? (el.initial_option ?? null) : picked && pickOption(el, picked),
      };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        selected_options: initial
          ? (el.initial_options ?? [])
          : list(choice).map((c) => pickOption(el, c)),
      };
    case 'rich_text_input': {
      const text = initial ? null : one(choice);
      const doc = {
        type: 'rich_text',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      };
      return { rich_text_value: initial ? (el.initial_value ?? null) : text === null ? null : doc };
    }
    case 'file_input':
      return { files: [] };
    case 'datetimepicker':
      return { selected_date_time: initial ? (el.initial_date_time ?? null) : Number(one(choice)) };
  }
  // users_select → selected_user / initial_user, multi_channels_select → selected_channels, …
  const singular: Record<string, string> = {
    users_select: 'user',
    conversations_select: 'conversation',
    channels_select: 'channel',
    datepicker: 'date',
    timepicker: 'time',
  };
  const noun = singular[type] ?? singular[type.replace(/^multi_/, '')];
  if (!noun) return {};
  if (type.startsWith('multi_')) {
    return { [`selected_${noun}s`]: initial ? (el[`initial_${noun}s`] ?? []) : list(choice) };
  }
  return { [`selected_${noun}`]: initial ? (el[`initial_${noun}`] ?? null) : one(choice) };
}

function isEmpty(state: JsonObject): boolean {
  return Object.values(state).every(
    (v) => v === null || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/** Slack's client refuses to submit these, so the app never sees them. */
function clientSideProblems(ref: ElementRef, state: JsonObject): string[] {
  const { block, element } = ref;
  if (block.type !== 'input') return [];
  const label = textOf(block.label) || String(block.block_id);
  if (isEmpty(state)) return block.optional === true ? [] : [`"${label}" is required`];
  const value = typeof state.value === 'string' ? state.value : undefined;
  if (value === undefined) return [];
  const problems: string[] = [];
  if (typeof element.min_length === 'number' && value.length < element.min_length) {
    problems.push(`"${label}" needs at least ${element.min_length} characters`);
  }
  if (typeof element.max_length === 'number' && value.length > element.max_length) {
    problems.push(`"${label}" allows at most ${element.max_length} characters`);
  }
  if (element.type === 'number_input') {
    const n = Number(value);
    if (value.trim() === '' || Number.isNaN(n)) problems.push(`"${label}" must be a number`);
    else if (element.is_decimal_allowed !== true && !Number.isInteger(n))
      problems.push(`"${label}" must be a whole number`);
  }
  return problems;
}

/** Resolves a FieldValues key to a block: block_id first, then the input's label. */
function findBlock(blocks: JsonObject[], key: string): JsonObject {
  const block =
    blocks.find((b) => b.block_id === key) ??
    blocks.find((b) => b.type === 'input' && textOf(b.label) === key);
  if (!block) {
    const known = blocks
      .filter((b) => elementsOf([b]).length > 0)
      .map((b) =>
        b.type === 'input' ? `${String(b.block_id)} ("${textOf(b.label)}")` : String(b.block_id),
      );
    throw new Error(`No block "${key}" in the view; blocks with fields: ${known.join(', ')}`);
  }
  return block;
}

/** Turns FieldValues into { block_id: { action_id: choice } }. */
function resolveValues(
  blocks: JsonObject[],
  values: FieldValues,
): Map<string, Map<string, FieldValue>> {
  const resolved = new Map<string, Map<string, FieldValue>>();
  for (const [key, value] of Object.entries(values)) {
    const block = findBlock(blocks, key);
    const elements = elementsOf([block]).map((r) => r.element);
    const blockId = String(block.block_id);
    const perAction = resolved.get(blockId) ?? new Map<string, FieldValue>();
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [actionId, v] of Object.entries(value)) perAction.set(actionId, v);
    } else if (elements.length === 1 && elements[0]) {
      perAction.set(String(elements[0].action_id), value);
    } else {
      throw new Error(`Block "${key}" has ${elements.length} elements; give { action_id: value }`);
    }
    const unknown = [...perAction.keys()].filter((id) => !elements.some((e) => e.action_id === id));
    if (unknown.length) throw new Error(`Block "${key}" has no element ${unknown.join(', ')}`);
    resolved.set(blockId, perAction);
  }
  return resolved;
}

export interface BuiltState {
  values: StateValues;
  /** Why Slack would not let the person submit (only for view submissions). */
  problems: string[];
}

export function buildState(blocks: JsonObject[], values: FieldValues = {}): BuiltState {
  const chosen = resolveValues(blocks, values);
  const state: StateValues = {};
  const problems: string[] = [];
  for (const ref of elementsOf(blocks)) {
    const { block, element } = ref;
    const fields = selection(
      element,
      chosen.get(String(block.block_id))?.get(String(element.action_id)),
    );
    if (Object.keys(fields).length === 0) continue; // buttons and overflow menus carry no state
    const blockId = String(block.block_id);
    state[blockId] = {
      ...state[blockId],
      [String(element.action_id)]: { type: element.type, ...fields },
    };
    problems.push(...clientSideProblems(ref, fields));
  }
  return { values: state, problems };
}
