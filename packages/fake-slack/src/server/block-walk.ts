// Walking Block Kit structures: where the interactive elements sit, and the ids Slack fills in.
// Shared by the fake (which stores blocks the way Slack returns them) and the test client
// (which looks for the button a person would click).

import type { JsonObject } from './types.ts';

export interface ElementRef {
  block: JsonObject;
  blockIndex: number;
  element: JsonObject;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Elements a person can interact with: actions elements, section accessories, input elements. */
export function elementsOf(blocks: unknown): ElementRef[] {
  if (!Array.isArray(blocks)) return [];
  const refs: ElementRef[] = [];
  blocks.forEach((block, blockIndex) => {
    if (!isObject(block)) return;
    const candidates: unknown[] = [];
    if (block.type === 'actions' && Array.isArray(block.elements))
      candidates.push(...block.elements);
    if (block.type === 'section') candidates.push(block.accessory);
    if (block.type === 'input') candidates.push(block.element);
    for (const element of candidates) {
      if (isObject(element) && element.type !== 'image') refs.push({ block, blockIndex, element });
    }
  });
  return refs;
}

/** The string inside a text object (or '' when there is none). */
export function textOf(t: unknown): string {
  return isObject(t) && typeof t.text === 'string' ? t.text : '';
}

/**
 * Slack gives every block a block_id and every interactive element an action_id when the app
 * leaves them out, and returns them that way; interaction payloads then carry those ids.
 */
export function withGeneratedIds(
  blocks: unknown,
  nextId: (prefix: string) => string,
): JsonObject[] {
  if (!Array.isArray(blocks)) return [];
  const copy = structuredClone(blocks).filter(isObject);
  for (const block of copy) {
    if (typeof block.block_id !== 'string') block.block_id = nextId('b');
  }
  for (const { element } of elementsOf(copy)) {
    if (typeof element.action_id !== 'string') element.action_id = nextId('a');
  }
  return copy;
}
