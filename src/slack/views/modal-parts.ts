import type {
  Checkboxes,
  EmailInput,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  PlainTextInput,
  PlainTextOption,
} from '@slack/types';
import {
  MAX_INPUT_LABEL,
  MAX_MODAL_BLOCKS,
  MAX_MODAL_BUTTON,
  MAX_MODAL_TITLE,
  MAX_PLACEHOLDER,
  MAX_PRIVATE_METADATA,
  MAX_TEXT_INPUT,
  truncate,
} from '../mrkdwn.ts';
import { plain } from './blocks.ts';

export interface InputId {
  block: string;
  action: string;
}

export interface ModalSpec {
  callbackId: string;
  title: string;
  blocks: KnownBlock[];
  submit?: string;
  close?: string;
  /** Serialised as JSON into private_metadata: which job or conversation the modal is about. */
  metadata?: Record<string, string | number>;
}

export function modal({
  callbackId,
  title,
  blocks,
  submit,
  close,
  metadata,
}: ModalSpec): ModalView {
  const view: ModalView = {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, MAX_MODAL_TITLE),
    close: plain(close ?? 'Cancel', MAX_MODAL_BUTTON),
    blocks: blocks.slice(0, MAX_MODAL_BLOCKS),
  };
  if (submit) view.submit = plain(submit, MAX_MODAL_BUTTON);
  if (metadata) {
    const json = JSON.stringify(metadata);
    // Only numbers go in here, so this never trips; a cut JSON would be worse than none.
    if (json.length <= MAX_PRIVATE_METADATA) view.private_metadata = json;
  }
  return view;
}

export interface InputSpec {
  label: string;
  element: InputBlockElement;
  optional?: boolean;
  hint?: string;
}

export function input(id: InputId, { label, element, optional, hint }: InputSpec): InputBlock {
  const block: InputBlock = {
    type: 'input',
    block_id: id.block,
    label: plain(label, MAX_INPUT_LABEL),
    element,
  };
  if (optional) block.optional = true;
  if (hint) block.hint = plain(hint, MAX_INPUT_LABEL);
  return block;
}

export interface TextInputSpec {
  multiline?: boolean;
  initial?: string | null;
  placeholder?: string;
  maxLength?: number;
}

export function textInput(id: InputId, spec: TextInputSpec = {}): PlainTextInput {
  const maxLength = Math.min(spec.maxLength ?? MAX_TEXT_INPUT, MAX_TEXT_INPUT);
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: id.action,
    max_length: maxLength,
  };
  if (spec.multiline) element.multiline = true;
  // An initial value longer than max_length makes Slack refuse the whole modal.
  if (spec.initial) element.initial_value = truncate(spec.initial, maxLength, '').text;
  if (spec.placeholder) element.placeholder = plain(spec.placeholder, MAX_PLACEHOLDER);
  return element;
}

export function emailInput(id: InputId, initial?: string | null, placeholder?: string): EmailInput {
  const element: EmailInput = { type: 'email_text_input', action_id: id.action };
  if (initial) element.initial_value = initial;
  if (placeholder) element.placeholder = plain(placeholder, MAX_PLACEHOLDER);
  return element;
}

export function checkboxes(
  id: InputId,
  options: PlainTextOption[],
  checked: (option: PlainTextOption) => boolean,
): Checkboxes {
  const element: Checkboxes = { type: 'checkboxes', action_id: id.action, options };
  const initial = options.filter(checked);
  // Slack rejects an empty initial_options list; no key means nothing is ticked.
  if (initial.length) element.initial_options = initial;
  return element;
}
