import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  DividerBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { neutraliseBidi } from '../../clean-text.ts';
import {
  MAX_ACTIONS_ELEMENTS,
  MAX_BUTTON_TEXT,
  MAX_CONTEXT_ELEMENTS,
  MAX_CONTEXT_TEXT,
  MAX_FIELD_TEXT,
  MAX_FIELDS,
  MAX_OPTION_TEXT,
  MAX_SECTION_TEXT,
  truncate,
} from '../mrkdwn.ts';

/** A message as chat.postMessage / chat.update / an ephemeral answer take it. */
export interface SlackMessage {
  /** Notification and accessibility fallback; mrkdwn, already escaped. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * The builders fit every text before it gets here; cutting again is a last line of defence so a
 * mistake costs a shortened line instead of a message Slack refuses.
 */
function capped(text: string, max: number): string {
  // Merchant text must not display reversed or reorder what follows it (see neutraliseBidi).
  return truncate(neutraliseBidi(text), max).text;
}

/**
 * `verbatim` stops Slack from auto-linking bare names and words in merchant text; the mentions
 * and dates we write as `<…>` tokens are still rendered.
 */
export function mrkdwn(text: string, max: number = MAX_SECTION_TEXT): MrkdwnElement {
  return { type: 'mrkdwn', text: capped(text, max), verbatim: true };
}

/** Plain text for labels we write ourselves (buttons, titles, options). */
export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: capped(text, max), emoji: true };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function fieldsSection(fields: string[]): SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, MAX_FIELDS).map((f) => mrkdwn(f, MAX_FIELD_TEXT)),
  };
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, MAX_CONTEXT_ELEMENTS).map((t) => mrkdwn(t, MAX_CONTEXT_TEXT)),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function actions(elements: ActionsBlockElement[]): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, MAX_ACTIONS_ELEMENTS) };
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

export function button({ text, actionId, value, style }: ButtonSpec): Button {
  return {
    type: 'button',
    text: plain(text, MAX_BUTTON_TEXT),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, MAX_OPTION_TEXT), value };
}

/**
 * Joins lines into as few mrkdwn texts of at most `max` as possible, so a long list becomes
 * several sections instead of one oversized one. A single line longer than `max` is cut.
 */
export function chunkLines(lines: string[], max: number = MAX_SECTION_TEXT): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = capped(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
