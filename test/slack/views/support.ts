// Fixtures and checks shared by the builder tests. The limits checker is deliberately small and
// independent of test/support's fake Slack: the builders must fit Slack's rules on their own.

import { expect } from 'vitest';
import type {
  Conversation,
  Job,
  JobStatus,
  Merchant,
  Message,
  Proposal,
} from '../../../src/domain/index.ts';

export const NOW = new Date('2026-11-27T12:00:00Z');
const HOUR = 60 * 60 * 1000;

export function makeJob(overrides: Partial<Job> = {}): Job {
  const created = new Date(NOW.getTime() - 2 * HOUR);
  return {
    id: 1,
    workspaceId: 'T0TEAM',
    sourceId: 'job_123',
    conversationId: 9,
    merchantId: 3,
    number: 12,
    status: 'new',
    expiresAt: new Date(created.getTime() + 72 * HOUR),
    firstResponseAt: null,
    lastWriter: null,
    title: 'Speed up my theme',
    description: 'The home page takes six seconds to load.',
    service: 'Theme customization',
    budget: { amount: '500.00', currency: 'USD' },
    version: 1,
    sourceCreatedAt: created,
    createdAt: created,
    createdBy: null,
    openedAt: null,
    lastMessageAt: null,
    closedAt: null,
    declineReason: null,
    declineNote: null,
    declinedBy: null,
    reviewRequested: false,
    cardChannelId: null,
    cardTs: null,
    assignees: [],
    ...overrides,
  };
}

/** A job in `status` with the facts that status usually comes with, still inside its window. */
export function jobIn(status: JobStatus, overrides: Partial<Job> = {}): Job {
  const answered = ['responded', 'inactive', 'completed'].includes(status);
  const closed = ['completed', 'declined', 'expired'].includes(status);
  return makeJob({
    status,
    firstResponseAt: answered ? new Date(NOW.getTime() - HOUR) : null,
    lastWriter: answered ? 'team' : status === 'awaiting_response' ? 'merchant' : null,
    closedAt: closed ? new Date(NOW.getTime() - HOUR) : null,
    ...(status === 'expired' ? { expiresAt: new Date(NOW.getTime() - HOUR) } : {}),
    ...(status === 'declined'
      ? { declinedBy: 'team' as const, declineReason: 'budget', declineNote: null }
      : {}),
    ...overrides,
  });
}

export function makeMerchant(overrides: Partial<Merchant> = {}): Merchant {
  return {
    id: 3,
    sourceId: 'm_1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    storeDomain: 'ada.myshopify.com',
    storeName: "Ada's",
    dropshipper: false,
    ...overrides,
  };
}

export function makeConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 9,
    workspaceId: 'T0TEAM',
    sourceId: 'conv_9',
    merchantId: 3,
    declinedAt: null,
    declinedBy: null,
    cardChannelId: null,
    cardTs: null,
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 40,
    conversationId: 9,
    jobId: 1,
    direction: 'merchant',
    authorUserId: null,
    body: 'Can you start next week?',
    sourceId: 'msg_1',
    sentAt: new Date(NOW.getTime() - HOUR),
    ...overrides,
  };
}

export function makeProposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 5,
    conversationId: 9,
    sourceId: 'prop_1',
    title: 'Theme tweaks',
    amount: '500.00',
    currency: 'USD',
    storeChoice: 'new',
    jobId: null,
    acceptedAt: new Date(NOW.getTime() - HOUR),
    ...overrides,
  };
}

/** Text a merchant could send to try to ping, mention or forge a link. */
export const HOSTILE =
  'Hi <!channel> <!here> <@U123> see <#C1> and <http://evil|innocent> & <script>';

/** What must never appear in the output when HOSTILE went in. */
export const LIVE_MARKUP = ['<!channel', '<!here', '<@U123', '<#C1', '<http', '<script'];

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every string Slack renders or reads (text objects, values, ids), except input values. */
export function renderedTexts(payload: Json): string[] {
  const out: string[] = [];
  const walk = (v: Json, key: string) => {
    if (typeof v === 'string') {
      // A text input's initial value is what a person edits, never rendered as mrkdwn.
      if (key !== 'initial_value') out.push(v);
      return;
    }
    if (Array.isArray(v)) for (const item of v) walk(item, key);
    else if (isObject(v)) for (const [k, item] of Object.entries(v)) walk(item, k);
  };
  walk(payload, '');
  return out;
}

/**
 * The only `<…>` tokens builders write: mentions of member ids and `<!date^…>`. Anything else
 * with `<` came from someone's text unescaped.
 */
export function strayMarkup(text: string): string[] {
  const withoutOurs = text
    .replace(/<@[UW][A-Z0-9]+>/g, '')
    .replace(/<!date\^\d+\^[^|<>]*\|[^<>]*>/g, '')
    .replace(/^>/gm, '');
  return [...withoutOurs.matchAll(/[<>]/g)].map((m) =>
    withoutOurs.slice(Math.max(0, m.index - 10), m.index + 20),
  );
}

export function expectNoLiveMarkup(payload: Json): void {
  const texts = renderedTexts(payload);
  for (const text of texts) {
    for (const bad of LIVE_MARKUP) expect(text).not.toContain(bad);
    expect(strayMarkup(text)).toEqual([]);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface Problem {
  at: string;
  problem: string;
}

/** Slack's Block Kit limits, in the few lines these builders need. */
export function blockKitProblems(
  payload: { blocks: Json[]; text?: string },
  surface: 'message' | 'modal',
): Problem[] {
  const problems: Problem[] = [];
  const add = (at: string, problem: string) => problems.push({ at, problem });
  const text = (at: string, t: Json, max: number) => {
    if (!isObject(t) || typeof t.text !== 'string') return add(at, 'missing text');
    if (t.text.length === 0) add(at, 'empty text');
    if (t.text.length > max) add(at, `text of ${t.text.length} > ${max}`);
  };
  const options = (at: string, opts: Json, min: number, max: number) => {
    if (!Array.isArray(opts)) return add(at, 'missing options');
    if (opts.length < min || opts.length > max) add(at, `${opts.length} options`);
    for (const [i, o] of opts.entries()) {
      if (!isObject(o)) continue;
      text(`${at}/${i}`, o.text, 75);
      if (typeof o.value !== 'string' || o.value.length > 150) add(`${at}/${i}`, 'bad value');
    }
  };
  const element = (at: string, el: Json) => {
    if (!isObject(el)) return add(at, 'not an object');
    if (typeof el.action_id !== 'string' || el.action_id.length > 255) add(at, 'bad action_id');
    if (el.placeholder !== undefined) text(`${at}/placeholder`, el.placeholder, 150);
    switch (el.type) {
      case 'button':
        text(`${at}/text`, el.text, 75);
        if (typeof el.value === 'string' && el.value.length > 2000) add(at, 'value too long');
        break;
      case 'overflow':
        options(`${at}/options`, el.options, 2, 5);
        break;
      case 'static_select':
        options(`${at}/options`, el.options, 1, 100);
        break;
      case 'checkboxes':
        options(`${at}/options`, el.options, 1, 10);
        if (Array.isArray(el.initial_options) && el.initial_options.length === 0) {
          add(at, 'empty initial_options');
        }
        break;
      case 'plain_text_input': {
        const max = typeof el.max_length === 'number' ? el.max_length : 3000;
        if (max > 3000) add(at, 'max_length > 3000');
        if (typeof el.initial_value === 'string' && el.initial_value.length > max) {
          add(at, 'initial_value too long');
        }
        break;
      }
      case 'multi_users_select':
        if (
          Array.isArray(el.initial_users) &&
          typeof el.max_selected_items === 'number' &&
          el.initial_users.length > el.max_selected_items
        ) {
          add(at, 'more initial users than allowed');
        }
        break;
    }
  };

  const maxBlocks = surface === 'message' ? 50 : 100;
  if (payload.blocks.length > maxBlocks) add('/blocks', `${payload.blocks.length} blocks`);
  if (payload.blocks.length === 0) add('/blocks', 'no blocks');
  if (payload.text !== undefined && payload.text.length > 40_000) add('/text', 'text too long');
  const blockIds = new Set<string>();
  for (const [i, b] of payload.blocks.entries()) {
    const at = `/blocks/${i}`;
    if (!isObject(b)) {
      add(at, 'not an object');
      continue;
    }
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) add(at, `duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section':
        if (b.text !== undefined) text(`${at}/text`, b.text, 3000);
        if (b.fields !== undefined) {
          const fields = b.fields as Json[];
          if (fields.length > 10) add(at, `${fields.length} fields`);
          for (const [j, f] of fields.entries()) text(`${at}/fields/${j}`, f, 2000);
        }
        if (b.text === undefined && b.fields === undefined) add(at, 'section without text');
        break;
      case 'header':
        text(`${at}/text`, b.text, 150);
        break;
      case 'context': {
        const elements = b.elements as Json[];
        if (elements.length === 0 || elements.length > 10) add(at, `${elements.length} elements`);
        for (const [j, e] of elements.entries()) text(`${at}/elements/${j}`, e, 3000);
        break;
      }
      case 'actions': {
        const elements = b.elements as Json[];
        if (elements.length === 0 || elements.length > 25) add(at, `${elements.length} elements`);
        const ids = elements.map((e) => (isObject(e) ? e.action_id : undefined));
        if (new Set(ids).size !== ids.length) add(at, 'duplicate action_id in block');
        for (const [j, e] of elements.entries()) element(`${at}/elements/${j}`, e);
        break;
      }
      case 'input':
        text(`${at}/label`, b.label, 2000);
        if (b.hint !== undefined) text(`${at}/hint`, b.hint, 2000);
        element(`${at}/element`, b.element);
        break;
      case 'divider':
        break;
      default:
        add(at, `unexpected block type ${String(b.type)}`);
    }
  }
  for (const t of renderedTexts(payload)) {
    if (LONE_SURROGATE.test(t)) add('/', `lone surrogate in ${JSON.stringify(t.slice(0, 40))}`);
  }
  return problems;
}

export interface ModalLike {
  type: string;
  title: { text: string };
  submit?: { text: string };
  close?: { text: string };
  private_metadata?: string;
  callback_id?: string;
  blocks: Json[];
}

export function modalProblems(view: ModalLike): Problem[] {
  const problems = blockKitProblems(view, 'modal');
  const add = (at: string, problem: string) => problems.push({ at, problem });
  if (view.type !== 'modal') add('/type', 'not a modal');
  if (view.title.text.length > 24) add('/title', `title "${view.title.text}" > 24`);
  if (view.submit && view.submit.text.length > 24) add('/submit', 'submit > 24');
  if (view.close && view.close.text.length > 24) add('/close', 'close > 24');
  if ((view.private_metadata ?? '').length > 3000) add('/private_metadata', 'too long');
  const hasInput = view.blocks.some((b) => isObject(b) && b.type === 'input');
  if (hasInput && !view.submit) add('/submit', 'inputs without a submit button');
  return problems;
}

/** All interactive elements of a payload, wherever they sit. */
export function interactive(payload: { blocks: Json[] }): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  for (const b of payload.blocks) {
    if (!isObject(b)) continue;
    if (b.type === 'actions') out.push(...(b.elements as Record<string, Json>[]));
    if (b.type === 'input' && isObject(b.element)) out.push(b.element);
    if (b.type === 'section' && isObject(b.accessory)) out.push(b.accessory);
  }
  return out;
}

/** The whole payload as one string, for "it says …" assertions. */
export function allText(payload: Json): string {
  return renderedTexts(payload).join('\n');
}
