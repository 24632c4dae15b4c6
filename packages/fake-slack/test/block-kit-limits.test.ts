import { describe, expect, it } from 'vitest';
import {
  formatViolation,
  type JsonObject,
  validateMessage,
  validateView,
} from '../src/server/index.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string): JsonObject => ({ type: 'section', text: mrkdwn(text) });
const button = (text: string, extra: JsonObject = {}): JsonObject => ({
  type: 'button',
  text: plain(text),
  action_id: `btn_${text.length}`,
  ...extra,
});
const option = (text: string, value = 'v') => ({ text: plain(text), value });
const actions = (...elements: JsonObject[]): JsonObject => ({ type: 'actions', elements });
const overflow = (count: number, text = 'Option'): JsonObject => ({
  type: 'overflow',
  action_id: 'more',
  options: Array.from({ length: count }, (_, i) => option(text, `o${i}`)),
});
const input = (element: JsonObject, label = 'Reason'): JsonObject => ({
  type: 'input',
  block_id: 'reason',
  label: plain(label),
  element,
});
const modal = (extra: JsonObject = {}): JsonObject => ({
  type: 'modal',
  title: plain('Decline job'),
  submit: plain('Decline'),
  blocks: [section('Why?')],
  ...extra,
});
const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

/** [rule, blocks for a size n, largest accepted n, pointer of the violation at n + 1] */
const messageLimits: Array<[string, (n: number) => JsonObject[], number, string]> = [
  ['blocks per message', (n) => times(n, () => section('x')), 50, '/blocks'],
  ['section text', (n) => [section('x'.repeat(n))], 3000, '/blocks/0/text/text'],
  [
    'section fields',
    (n) => [{ type: 'section', fields: times(n, () => mrkdwn('f')) }],
    10,
    '/blocks/0/fields',
  ],
  [
    'section field text',
    (n) => [{ type: 'section', fields: [mrkdwn('f'.repeat(n))] }],
    2000,
    '/blocks/0/fields/0/text',
  ],
  [
    'header text',
    (n) => [{ type: 'header', text: plain('h'.repeat(n)) }],
    150,
    '/blocks/0/text/text',
  ],
  ['button text', (n) => [actions(button('b'.repeat(n)))], 75, '/blocks/0/elements/0/text/text'],
  [
    'button value',
    (n) => [actions(button('Open', { value: 'v'.repeat(n) }))],
    2000,
    '/blocks/0/elements/0/value',
  ],
  [
    'action_id',
    (n) => [actions(button('Open', { action_id: 'a'.repeat(n) }))],
    255,
    '/blocks/0/elements/0/action_id',
  ],
  ['block_id', (n) => [{ ...section('x'), block_id: 'b'.repeat(n) }], 255, '/blocks/0/block_id'],
  [
    'context elements',
    (n) => [{ type: 'context', elements: times(n, () => mrkdwn('c')) }],
    10,
    '/blocks/0/elements',
  ],
  [
    'actions elements',
    (n) => [actions(...times(n, (i) => button('Go', { action_id: `go_${i}` })))],
    25,
    '/blocks/0/elements',
  ],
  ['overflow options', (n) => [actions(overflow(n))], 5, '/blocks/0/elements/0/options'],
  [
    'option text',
    (n) => [actions(overflow(2, 'o'.repeat(n)))],
    75,
    '/blocks/0/elements/0/options/0/text/text',
  ],
  [
    'static select options',
    (n) => [
      actions({
        type: 'static_select',
        action_id: 's',
        options: times(n, (i) => option('o', `v${i}`)),
      }),
    ],
    100,
    '/blocks/0/elements/0/options',
  ],
  [
    'input label',
    (n) => [input({ type: 'plain_text_input', action_id: 'r' }, 'l'.repeat(n))],
    2000,
    '/blocks/0/label/text',
  ],
  [
    'plain_text_input initial_value',
    (n) => [input({ type: 'plain_text_input', action_id: 'r', initial_value: 'i'.repeat(n) })],
    3000,
    '/blocks/0/element/initial_value',
  ],
];

describe('validateMessage limits', () => {
  it.each(messageLimits)('%s: accepts the limit', (_rule, build, limit) => {
    expect(validateMessage({ blocks: build(limit) })).toEqual([]);
  });

  it.each(messageLimits)('%s: rejects one more than the limit', (_rule, build, limit, pointer) => {
    const violations = validateMessage({ blocks: build(limit + 1) });
    expect(violations.map((v) => v.pointer)).toContain(pointer);
    expect(violations.every((v) => v.error === 'invalid_blocks')).toBe(true);
  });

  it('rejects an overflow menu with a single option', () => {
    const [v] = validateMessage({ blocks: [actions(overflow(1))] });
    expect(v?.pointer).toBe('/blocks/0/elements/0/options');
  });

  it('says how long the text may be, in Slack’s words', () => {
    const [v] = validateMessage({ blocks: [section('x'.repeat(3001))] });
    expect(v && formatViolation(v)).toBe(
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    );
  });

  it('answers msg_too_long for text over 40 000 characters', () => {
    expect(validateMessage({ text: 't'.repeat(40_000) })).toEqual([]);
    expect(validateMessage({ text: 't'.repeat(40_001) })).toEqual([
      expect.objectContaining({ error: 'msg_too_long', pointer: '/text' }),
    ]);
  });

  it('answers no_text for a message with nothing to show', () => {
    expect(validateMessage({ text: '  ' })[0]?.error).toBe('no_text');
    expect(validateMessage({ blocks: [] })[0]?.error).toBe('no_text');
    expect(validateMessage({}, { requireContent: false })).toEqual([]);
  });

  it('answers invalid_blocks_format when blocks is not an array', () => {
    expect(validateMessage({ blocks: '[{' })[0]?.error).toBe('invalid_blocks_format');
  });
});

describe('validateMessage required fields and shapes', () => {
  const rejects = (blocks: JsonObject[], pointer: string, message: RegExp) => {
    const violations = validateMessage({ text: 'fallback', blocks });
    expect(violations).toContainEqual(
      expect.objectContaining({
        error: 'invalid_blocks',
        pointer,
        message: expect.stringMatching(message),
      }),
    );
  };

  it('rejects a section with neither text nor fields', () => {
    rejects([{ type: 'section' }], '/blocks/0', /missing required field: text or fields/);
  });

  it('rejects empty text, which Slack refuses', () => {
    rejects([section('')], '/blocks/0/text/text', /more than 0 characters/);
  });

  it('rejects a button without text', () => {
    rejects(
      [actions({ type: 'button', action_id: 'x' })],
      '/blocks/0/elements/0',
      /missing required field: text/,
    );
  });

  it('rejects mrkdwn where only plain_text is allowed', () => {
    rejects([{ type: 'header', text: mrkdwn('*Job*') }], '/blocks/0/text/type', /plain_text/);
  });

  it('rejects unknown block types and misplaced elements', () => {
    rejects([{ type: 'carousel' }], '/blocks/0/type', /unknown block type "carousel"/);
    rejects(
      [actions({ type: 'plain_text_input', action_id: 'x' })],
      '/blocks/0/elements/0/type',
      /actions block/,
    );
  });

  it('rejects duplicate block_ids and duplicate action_ids in a block', () => {
    rejects(
      [
        { ...section('a'), block_id: 'same' },
        { ...section('b'), block_id: 'same' },
      ],
      '/blocks/1/block_id',
      /duplicate/,
    );
    rejects(
      [actions(button('A', { action_id: 'go' }), button('B', { action_id: 'go' }))],
      '/blocks/0/elements/1/action_id',
      /duplicate/,
    );
  });

  it('rejects an initial option that is not one of the options', () => {
    const select = {
      type: 'static_select',
      action_id: 's',
      options: [option('A', 'a')],
      initial_option: option('B', 'b'),
    };
    rejects(
      [actions(select)],
      '/blocks/0/elements/0/initial_option',
      /one of the provided options/,
    );
  });

  it('rejects a button style Slack does not know', () => {
    rejects(
      [actions(button('Go', { style: 'secondary' }))],
      '/blocks/0/elements/0/style',
      /primary, danger/,
    );
  });

  it('accepts a realistic job card', () => {
    const card = [
      { type: 'header', text: plain('Speed up my theme') },
      {
        type: 'section',
        text: mrkdwn('*Ada Lovelace* · ada.myshopify.com'),
        fields: [mrkdwn('*Budget*\n500 USD')],
      },
      {
        type: 'context',
        elements: [mrkdwn('Expires <!date^1764237540^{date_short_pretty} {time}|soon>')],
      },
      actions(
        button('Open', { action_id: 'job_open', value: 'job_123', style: 'primary' }),
        { type: 'users_select', action_id: 'job_assign', placeholder: plain('Assign') },
        overflow(4),
      ),
    ];
    expect(validateMessage({ text: 'New job: Speed up my theme', blocks: card })).toEqual([]);
  });
});

describe('validateView', () => {
  it('accepts a modal and a home view', () => {
    expect(validateView(modal(), 'modal')).toEqual([]);
    expect(validateView({ type: 'home', blocks: times(100, () => section('x')) }, 'home')).toEqual(
      [],
    );
  });

  it('answers invalid_arguments with pointers under /view', () => {
    const violations = validateView(modal({ title: plain('t'.repeat(25)) }));
    expect(violations).toEqual([
      {
        error: 'invalid_arguments',
        pointer: '/view/title/text',
        message: 'must be less than 25 characters',
      },
    ]);
  });

  it.each([
    ['close', 24, '/view/close/text'],
    ['submit', 24, '/view/submit/text'],
  ])('limits the %s button to %i characters', (key, limit, pointer) => {
    expect(validateView(modal({ [key]: plain('b'.repeat(limit)) }))).toEqual([]);
    expect(validateView(modal({ [key]: plain('b'.repeat(limit + 1)) }))[0]?.pointer).toBe(pointer);
  });

  it('limits a view to 100 blocks', () => {
    expect(validateView(modal({ blocks: times(101, () => section('x')) }))[0]?.pointer).toBe(
      '/view/blocks',
    );
  });

  it('limits private_metadata to 3000 characters', () => {
    expect(validateView(modal({ private_metadata: 'm'.repeat(3000) }))).toEqual([]);
    expect(validateView(modal({ private_metadata: 'm'.repeat(3001) }))[0]?.pointer).toBe(
      '/view/private_metadata',
    );
  });

  it('requires a title, and a submit button when the modal has inputs', () => {
    const inputs = [input({ type: 'plain_text_input', action_id: 'r' })];
    const messages = validateView({ type: 'modal', blocks: inputs }).map((v) => v.message);
    expect(messages).toContain('missing required field: title');
    expect(messages.some((m) => m.includes('submit'))).toBe(true);
  });

  it('refuses a home view where a modal is expected', () => {
    expect(validateView({ type: 'home', blocks: [] }, 'modal')[0]?.message).toBe('must be modal');
  });
});
