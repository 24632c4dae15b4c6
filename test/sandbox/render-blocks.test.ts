// The sandbox's Block Kit renderer, block by block and element by element, and on the real
// payloads jobdesk builds: every block and element type the app uses must be drawn (none falls
// back to "not shown in the sandbox"), with the ids the page needs to act on it.

import type { EphemeralMessage, SlackMessage, SlackView } from '@jobdesk/fake-slack';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../src/domain/index.ts';
import { renderBlock, renderBlocks } from '../../src/sandbox/render/blocks.ts';
import {
  renderEphemeral,
  renderHome,
  renderMessage,
  renderModal,
  renderTimeline,
} from '../../src/sandbox/render/surfaces.ts';
import { HOME_PAGE_SIZE, type Home } from '../../src/services/home.ts';
import { jobsHelp as helpMessage } from '../../src/slack/commands/registry.ts';
import { appHomeView } from '../../src/slack/views/app-home.ts';
import { jobCard } from '../../src/slack/views/job-card.ts';
import {
  completeModal,
  declineModal,
  newJobModal,
  preferencesModal,
  replyModal,
} from '../../src/slack/views/modals.ts';
import { settingsModal } from '../../src/slack/views/settings-modal.ts';
import { jobIn, makeJob, makeMerchant } from '../slack/views/support.ts';
import { NOW, renderContext } from './render-context.ts';

type Json = Record<string, unknown>;
const ctx = renderContext();
const block = (b: Json, errors?: Record<string, string>) => renderBlock(b, { ...ctx, errors });
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });

describe('blocks', () => {
  it('section: mrkdwn text, a two-column grid of fields, and an accessory on the right', () => {
    const html = block({
      type: 'section',
      block_id: 'b1',
      text: md('*J-12* · Speed up'),
      fields: [md('*Merchant*\nAda'), md('*Budget*\n500.00 USD')],
      accessory: { type: 'button', action_id: 'open', text: plain('Open'), value: '12' },
    });
    expect(html).toContain('<div class="bk-text"><b>J-12</b> · Speed up</div>');
    expect(html).toContain(
      '<div class="bk-fields"><div class="bk-field"><b>Merchant</b><br>Ada</div><div class="bk-field"><b>Budget</b><br>500.00 USD</div></div>',
    );
    expect(html).toMatch(
      /<div class="bk-accessory"><button[^>]*data-block-id="b1"[^>]*data-action-id="open"/,
    );
  });

  it('header: plain text, emoji and all', () => {
    expect(block({ type: 'header', text: plain('Your jobs :eyes:') })).toContain(
      '<h3 class="bk-header-text">Your jobs 👀</h3>',
    );
  });

  it('divider', () => {
    expect(block({ type: 'divider' })).toBe('<div class="bk-block bk-block-divider"><hr></div>');
  });

  it('context: small grey texts side by side', () => {
    const html = block({ type: 'context', elements: [md('_by_ <@U0BEN>'), plain('2 replies')] });
    expect(html).toContain('<div class="bk-context"><span><i>by</i> <span class="mention"');
    expect(html).toContain('<span>2 replies</span></div>');
  });

  it('actions: its elements in a row, each carrying the block and action ids', () => {
    const html = block({
      type: 'actions',
      block_id: 'card:3:12',
      elements: [
        { type: 'button', action_id: 'reply', text: plain('Reply'), value: '12', style: 'primary' },
        {
          type: 'button',
          action_id: 'decline',
          text: plain('Decline'),
          value: '12',
          style: 'danger',
        },
      ],
    });
    expect(html).toContain('<div class="bk-actions">');
    expect(html).toContain('class="bk-button bk-primary"');
    expect(html).toContain('class="bk-button bk-danger"');
    expect(html.match(/data-block-id="card:3:12"/g)).toHaveLength(2);
  });

  it('input: label, optional mark, hint, and the field error Slack shows after response_action errors', () => {
    const input = {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: plain('Note'),
      hint: plain('Required when the reason is Other'),
      element: { type: 'plain_text_input', action_id: 'value', multiline: true },
    };
    const clean = block(input);
    expect(clean).toContain('data-input-block="note"');
    expect(clean).toContain(
      '<label class="bk-label" id="label-note">Note <span class="bk-optional">(optional)</span></label>',
    );
    expect(clean).toContain('<div class="bk-hint">Required when the reason is Other</div>');
    expect(clean).toContain('<div class="bk-error" role="alert" hidden></div>');
    const failed = block(input, { note: 'Tell the merchant why' });
    expect(failed).toContain('class="bk-input-block bk-has-error"');
    expect(failed).toContain('<div class="bk-error" role="alert">Tell the merchant why</div>');
  });

  it('image, rich_text and markdown blocks, which the app does not use yet, still show', () => {
    expect(
      block({ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a' }),
    ).toContain('<img class="bk-image-element" src="https://example.com/a.png" alt="a">');
    expect(
      block({
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [{ type: 'text', text: 'hi', style: { bold: true } }],
          },
        ],
      }),
    ).toContain('<p><b>hi</b></p>');
    expect(block({ type: 'markdown', text: '*x*' })).toContain('<b>x</b>');
  });

  it('an unknown block type says it is not shown instead of vanishing', () => {
    expect(block({ type: 'video' })).toContain('This block (video) is not shown in the sandbox.');
  });
});

describe('elements', () => {
  const inActions = (element: Json) =>
    block({ type: 'actions', block_id: 'a', elements: [element] });
  const inInput = (element: Json, extra: Json = {}) =>
    block({ type: 'input', block_id: 'i', label: plain('Field'), element, ...extra });

  it('button: label, value, style; a url button also opens its link', () => {
    const html = inActions({
      type: 'button',
      action_id: 'go',
      text: plain('Open'),
      value: '12',
      url: 'https://x.test',
    });
    expect(html).toContain(
      '<button data-block-id="a" data-action-id="go" data-type="button" class="bk-button" type="button" data-dispatch="1" data-value="12" data-url="https://x.test">Open</button>',
    );
  });

  it('overflow: a ⋮ toggle and a menu of its options with their values', () => {
    const html = inActions({
      type: 'overflow',
      action_id: 'more',
      options: [
        { text: plain('Decline'), value: 'decline:12' },
        { text: plain('Mark complete'), value: 'complete:12' },
      ],
    });
    expect(html).toContain('class="bk-overflow-toggle"');
    expect(html).toContain('<span class="bk-menu" role="menu" hidden>');
    expect(html).toContain('data-value="decline:12">Decline</button>');
    expect(html).toContain('data-value="complete:12">Mark complete</button>');
  });

  it('static_select: the placeholder first, option groups, the initial option chosen', () => {
    const html = inInput({
      type: 'static_select',
      action_id: 'reason',
      placeholder: plain('Pick a reason'),
      options: [
        { text: plain('Budget too low'), value: 'budget' },
        { text: plain('Other'), value: 'other' },
      ],
      initial_option: { text: plain('Other'), value: 'other' },
    });
    expect(html).toContain('<option value="">Pick a reason</option>');
    expect(html).toContain('<option value="other" selected>Other</option>');
    expect(html).toContain('aria-labelledby="label-i"');
    expect(html).not.toContain('data-dispatch'); // inputs speak only on submit
    const grouped = inActions({
      type: 'static_select',
      action_id: 's',
      option_groups: [{ label: plain('Open'), options: [{ text: plain('New'), value: 'new' }] }],
    });
    expect(grouped).toContain('<optgroup label="Open"><option value="new">New</option></optgroup>');
    expect(grouped).toContain('data-dispatch="1"');
  });

  it("users_select and multi_users_select: the workspace's people, chosen ones as chips", () => {
    const single = inActions({ type: 'users_select', action_id: 'who', initial_user: 'U0BEN' });
    expect(single).toContain('<option value="U0BEN" selected>Ben Member</option>');
    const multi = inActions({
      type: 'multi_users_select',
      action_id: 'assign',
      placeholder: plain('Assign…'),
      initial_users: ['U0ADA'],
      max_selected_items: 60,
    });
    expect(multi).toContain('data-max="60"');
    expect(multi).toContain('<span class="bk-chip" data-value="U0ADA">@Ada Admin<button');
    expect(multi).toContain('<option value="U0BEN">Ben Member</option>');
    expect(multi).not.toContain('<option value="U0ADA">');
  });

  it('multi_static_select, conversations_select, datepicker, timepicker, radio_buttons', () => {
    expect(
      inInput({
        type: 'multi_static_select',
        action_id: 'm',
        options: [
          { text: plain('A'), value: 'a' },
          { text: plain('B'), value: 'b' },
        ],
        initial_options: [{ text: plain('B'), value: 'b' }],
      }),
    ).toContain('<span class="bk-chip" data-value="b">B<button');
    expect(inActions({ type: 'conversations_select', action_id: 'c' })).toContain(
      '<option value="C0JOBS">jobs</option>',
    );
    expect(inInput({ type: 'datepicker', action_id: 'd', initial_date: '2026-12-01' })).toContain(
      'type="date" value="2026-12-01"',
    );
    expect(inInput({ type: 'timepicker', action_id: 't', initial_time: '09:30' })).toContain(
      'type="time" value="09:30"',
    );
    expect(
      inInput({
        type: 'radio_buttons',
        action_id: 'r',
        options: [{ text: plain('Yes'), value: 'y' }],
        initial_option: { text: plain('Yes'), value: 'y' },
      }),
    ).toContain('<input type="radio" name="i/r" value="y" checked>');
  });

  it('plain_text_input: single or multi line, initial value, length limits, placeholder', () => {
    const one = inInput({
      type: 'plain_text_input',
      action_id: 'title',
      initial_value: 'Speed <up>',
      max_length: 300,
      min_length: 2,
      placeholder: plain('A title'),
    });
    expect(one).toMatch(/<input [^>]*type="text" value="Speed &lt;up&gt;"/);
    expect(one).toContain('maxlength="300"');
    expect(one).toContain('minlength="2"');
    expect(one).toContain('placeholder="A title"');
    const many = inInput({
      type: 'plain_text_input',
      action_id: 'body',
      multiline: true,
      initial_value: 'a\nb',
    });
    expect(many).toContain('rows="4">a\nb</textarea>');
  });

  it('email_text_input, url_text_input and number_input get the matching browser inputs', () => {
    expect(
      inInput({ type: 'email_text_input', action_id: 'e', initial_value: 'a@b.test' }),
    ).toContain('type="email" value="a@b.test"');
    expect(inInput({ type: 'url_text_input', action_id: 'u' })).toContain('type="url"');
    expect(inInput({ type: 'number_input', action_id: 'n', is_decimal_allowed: true })).toContain(
      'step="any"',
    );
  });

  it('checkboxes: each option with its description, initial ones ticked', () => {
    const html = inInput({
      type: 'checkboxes',
      action_id: 'flags',
      options: [
        {
          text: plain('Available for work'),
          value: 'available',
          description: md('_shown on the profile_'),
        },
        { text: plain('Works with dropshippers'), value: 'dropship' },
      ],
      initial_options: [{ text: plain('Available for work'), value: 'available' }],
    });
    expect(html).toContain('<input type="checkbox" name="i/flags" value="available" checked>');
    expect(html).toContain('<input type="checkbox" name="i/flags" value="dropship">');
    expect(html).toContain(
      '<span class="bk-option-description"><i>shown on the profile</i></span>',
    );
  });

  it('a confirm dialog travels with its element', () => {
    const html = inActions({
      type: 'button',
      action_id: 'x',
      text: plain('Delete'),
      confirm: {
        title: plain('Sure?'),
        text: plain('No way back'),
        confirm: plain('Yes'),
        deny: plain('No'),
      },
    });
    expect(html).toContain('data-confirm="{&quot;title&quot;:&quot;Sure?&quot;');
  });
});

describe('surfaces', () => {
  const message: SlackMessage = {
    type: 'message',
    channel: 'C0JOBS',
    ts: `${Date.parse('2026-11-27T12:00:00Z') / 1000}.000100`,
    user: 'U0BOT',
    bot_id: 'B0',
    team: 'T0',
    text: 'fallback',
    blocks: [{ type: 'section', text: md('*card*') }],
    reply_count: 2,
    edited: { user: 'U0BOT', ts: '1' },
  };

  it('a message: the app with its badge, the local time, blocks, the thread link; app edits are not marked', () => {
    const html = renderMessage(message, ctx);
    expect(html).toMatch(
      /^<article class="msg msg-from-app" data-surface="message" data-channel="C0JOBS" data-ts="[\d.]+">/,
    );
    expect(html).toContain(
      '<span class="msg-author">jobdesk</span><span class="badge-app">APP</span>',
    );
    expect(html).toContain('>13:00</time>');
    expect(html).toContain('<b>card</b>');
    expect(html).toContain('data-open-thread="');
    expect(html).toContain('>2 replies</button>');
    expect(html).not.toContain('(edited)');
    expect(renderMessage({ ...message, blocks: undefined }, ctx)).toContain(
      '<div class="msg-text">fallback</div>',
    );
  });

  it('a timeline: messages and ephemerals in order, a divider whenever the day changes', () => {
    const at = (iso: string, text: string): SlackMessage => ({
      ...message,
      ts: `${Date.parse(iso) / 1000}.000100`,
      text,
      blocks: undefined,
      reply_count: undefined,
    });
    const ephemeral: EphemeralMessage = {
      ts: `${Date.parse('2026-11-27T09:00:00Z') / 1000}.000200`,
      channel: 'C0JOBS',
      user: 'U0ADA',
      text: 'only you',
      source: 'ack',
    };
    const html = renderTimeline(
      [at('2026-11-26T10:00:00Z', 'first'), at('2026-11-27T10:00:00Z', 'second')],
      [ephemeral],
      ctx,
    );
    const order = [...html.matchAll(/day-divider"><span>([^<]+)|msg-text">([^<]+)/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(order).toEqual(['Yesterday', 'first', 'Today', 'only you', 'second']);
  });

  it('an ephemeral: only visible to you, with Dismiss', () => {
    const ephemeral: EphemeralMessage = {
      ts: '1.2',
      channel: 'C0JOBS',
      user: 'U0ADA',
      text: ':lock: no',
      source: 'ack',
    };
    const html = renderEphemeral(ephemeral, ctx);
    expect(html).toContain('data-surface="ephemeral"');
    expect(html).toContain('Only visible to you');
    expect(html).toContain('🔒 no');
    expect(html).toContain('data-dismiss="1.2"');
  });

  it('a modal: title, blocks with errors, Cancel and Submit; the App Home or its empty state', () => {
    const view = {
      id: 'V1',
      type: 'modal',
      callback_id: 'decline',
      title: plain('Decline J-12'),
      submit: plain('Decline'),
      close: plain('Cancel'),
      blocks: [
        {
          type: 'input',
          block_id: 'r',
          label: plain('Reason'),
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
    } as unknown as SlackView;
    const html = renderModal(view, { ...ctx, errors: { r: 'Pick a reason' } });
    expect(html).toContain('data-view-id="V1"');
    expect(html).toContain('<h2 class="modal-title">Decline J-12</h2>');
    expect(html).toContain(
      '<button type="submit" class="bk-button bk-primary modal-submit">Decline</button>',
    );
    expect(html).toContain('data-close-view>Cancel</button>');
    expect(html).toContain('<div class="bk-error" role="alert">Pick a reason</div>');
    expect(renderHome(undefined, ctx)).toContain('has not published a Home for you yet');
    expect(renderHome({ ...view, type: 'home' }, ctx)).toContain(
      'class="home-view" data-surface="view"',
    );
  });
});

describe('the payloads jobdesk builds', () => {
  const merchant = makeMerchant();
  const home: Home = {
    userId: 'U0ADA',
    isAdmin: true,
    preferences: { ...DEFAULT_PREFERENCES, updatedBy: null, updatedAt: null },
    pageSize: HOME_PAGE_SIZE,
    dueBefore: new Date(NOW.getTime() + 86_400_000),
    lists: {
      needsAction: { jobs: [makeJob({ assignees: ['U0ADA'] })], total: 1, offset: 0 },
      mine: { jobs: [], total: 0, offset: 0 },
      unassigned: { jobs: [makeJob({ number: 13 })], total: 1, offset: 0 },
      dueSoon: { jobs: [], total: 0, offset: 0 },
    },
  };
  const payloads: Record<string, { blocks: unknown[] }> = {
    'job card': jobCard({ job: makeJob({ assignees: ['U0ADA', 'U0BEN'] }), merchant, now: NOW }),
    'declined card': jobCard({ job: jobIn('declined'), merchant, now: NOW }),
    'help message': helpMessage(),
    'reply modal': replyModal({ job: makeJob(), merchant, lastMerchantMessage: undefined }),
    'decline modal': declineModal({ job: makeJob() }),
    'complete modal': completeModal({ job: makeJob() }),
    'preferences modal': preferencesModal({ preferences: DEFAULT_PREFERENCES }),
    'new job modal': newJobModal(),
    'settings modal': settingsModal({
      settings: { onAssignment: true, onMessage: false, onStatusChange: true, onDeadline: true },
    }),
    'app home': appHomeView({ home, now: NOW }),
  };

  const walk = (blocks: unknown[]) => {
    const types = new Set<string>();
    const visit = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== 'object' || node === null) return;
      const { type } = node as Json;
      if (typeof type === 'string') types.add(type);
      for (const value of Object.values(node)) visit(value);
    };
    visit(blocks);
    return types;
  };

  it('every block and element type they use is drawn', () => {
    const used = new Set<string>();
    for (const [name, payload] of Object.entries(payloads)) {
      for (const type of walk(payload.blocks)) used.add(type);
      const html = renderBlocks(payload.blocks, ctx);
      expect(html, name).not.toMatch(/bk-unsupported/);
    }
    // The types this file tests one by one above; a new type in the app fails here first.
    const tested = [
      'section',
      'header',
      'divider',
      'context',
      'actions',
      'input',
      'mrkdwn',
      'plain_text',
      'button',
      'overflow',
      'static_select',
      'multi_users_select',
      'users_select',
      'plain_text_input',
      'email_text_input',
      'checkboxes',
    ];
    expect([...used].filter((t) => !tested.includes(t)).sort()).toEqual([]);
  });

  it('a card keeps its ids and its assignees: the page acts on what Slack would send', () => {
    const card = payloads['job card'] as { blocks: Json[] };
    const html = renderBlocks(card.blocks, ctx);
    const actions = card.blocks.find((b) => b.type === 'actions') as Json;
    expect(html).toContain(`data-block-id="${String(actions.block_id)}"`);
    expect(html).toContain('<span class="bk-chip" data-value="U0ADA">@Ada Admin');
    expect(html).toContain('<span class="bk-chip" data-value="U0BEN">@Ben Member');
    expect(html).toContain('<time class="slack-date"');
  });
});
