// Reading a message the way a person sees it: Slack shows the blocks when there are any and the
// `text` only as a fallback (notifications, screen readers). Handy for assertions on cards.

import { elementsOf, textOf } from './block-walk.ts';
import type { JsonObject } from './types.ts';

interface HasContent {
  text?: string;
  blocks?: JsonObject[];
}

function richText(v: unknown): string {
  if (Array.isArray(v)) return v.map(richText).join('');
  if (typeof v !== 'object' || v === null) return '';
  const node = v as JsonObject;
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'user') return `<@${String(node.user_id)}>`;
  return richText(node.elements);
}

function elementLabel(el: JsonObject): string {
  if (el.type === 'button') return `[${textOf(el.text)}]`;
  if (el.type === 'overflow') return '[…]';
  const placeholder = textOf(el.placeholder);
  return placeholder ? `[${placeholder} ▾]` : '';
}

function blockLines(block: JsonObject): string[] {
  switch (block.type) {
    case 'header':
    case 'markdown':
      return [typeof block.text === 'string' ? block.text : textOf(block.text)];
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields.map(textOf) : [];
      return [textOf(block.text), ...fields].filter(Boolean);
    }
    case 'context':
      return [
        Array.isArray(block.elements) ? block.elements.map(textOf).filter(Boolean).join(' ') : '',
      ];
    case 'input':
      return [textOf(block.label)];
    case 'rich_text':
      return [richText(block.elements)];
    default:
      return [];
  }
}

/** Everything readable in a message or view, one line per block, controls as `[Label]`. */
export function visibleText(content: HasContent): string {
  if (!content.blocks?.length) return content.text ?? '';
  const lines: string[] = [];
  for (const block of content.blocks) {
    lines.push(...blockLines(block));
    const controls = elementsOf([block])
      .filter((ref) => ref.block.type !== 'input')
      .map((ref) => elementLabel(ref.element))
      .filter(Boolean);
    if (controls.length) lines.push(controls.join(' '));
  }
  return lines.filter((l) => l !== '').join('\n');
}

/** Labels of the buttons, then of the overflow menu options, in display order. */
export function buttonLabels(content: HasContent): string[] {
  const labels: string[] = [];
  for (const { element } of elementsOf(content.blocks)) {
    if (element.type === 'button') labels.push(textOf(element.text));
    if (element.type === 'overflow' && Array.isArray(element.options)) {
      labels.push(...element.options.map((o) => textOf((o as JsonObject).text)));
    }
  }
  return labels;
}
