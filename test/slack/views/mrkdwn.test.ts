import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  fitMrkdwn,
  MAX_BUTTON_TEXT,
  MAX_FIELD_TEXT,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_BLOCKS,
  MAX_MESSAGE_TEXT,
  MAX_MODAL_BLOCKS,
  MAX_MODAL_TITLE,
  MAX_OPTION_TEXT,
  MAX_SECTION_TEXT,
  MAX_TEXT_INPUT,
  mention,
  quote,
  slackDate,
  truncate,
  unescapeMrkdwn,
} from '../../../src/slack/mrkdwn.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings rich in what breaks naive code: markup characters, astral emoji, ZWJ, RTL, spaces. */
const tricky = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        '&',
        '<',
        '>',
        '&amp;',
        '&lt;',
        '<!channel>',
        ' ',
        '\n',
        '👨‍👩‍👧‍👦',
        '🇸🇪',
        'é',
        'שלום',
        'مرحبا',
        '\u0600 ',
      ),
    ),
  )
  .map((parts) => parts.join(''));

describe('limits', () => {
  it('names the Block Kit limits', () => {
    expect([
      MAX_SECTION_TEXT,
      MAX_FIELD_TEXT,
      MAX_HEADER_TEXT,
      MAX_BUTTON_TEXT,
      MAX_OPTION_TEXT,
      MAX_MODAL_TITLE,
      MAX_TEXT_INPUT,
      MAX_MESSAGE_TEXT,
      MAX_MESSAGE_BLOCKS,
      MAX_MODAL_BLOCKS,
    ]).toEqual([3000, 2000, 150, 75, 75, 24, 3000, 40_000, 50, 100]);
  });
});

describe('escapeMrkdwn', () => {
  it('makes pings, mentions and forged links inert', () => {
    expect(escapeMrkdwn('<!channel> <!here> <@U123> <#C1> <http://evil|innocent> & co')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C1&gt; &lt;http://evil|innocent&gt; &amp; co',
    );
  });

  it('escapes an already escaped entity again, so it shows as typed', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  it('never leaves a raw < or >, and decoding gives the input back', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        // Every & starts one of the three entities.
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(unescapeMrkdwn(escaped)).toBe(text);
      }),
    );
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 5)).toEqual({ text: 'hello', truncated: false });
  });

  it('cuts at a word boundary near the end and adds the suffix', () => {
    expect(truncate('hello wonderful world', 18)).toEqual({
      text: 'hello wonderful…',
      truncated: true,
    });
  });

  it('prefers a line break near the end', () => {
    const text = `${'a'.repeat(80)}\n${'b'.repeat(5)} ${'c'.repeat(30)}`;
    expect(truncate(text, 100).text).toBe(`${'a'.repeat(80)}…`);
  });

  it('cuts hard when the last space is far from the end', () => {
    const text = `a ${'b'.repeat(200)}`;
    const cut = truncate(text, 100);
    expect(cut.text).toBe(`a ${'b'.repeat(97)}…`);
  });

  it('never splits an emoji family or a flag', () => {
    const family = '👨‍👩‍👧‍👦';
    const cut = truncate(family.repeat(10), family.length * 3 + 1);
    expect(cut.text).toBe(`${family.repeat(3)}…`);
    expect(truncate('🇸🇪🇸🇪🇸🇪', 7).text).toBe('🇸🇪…');
    expect(truncate('🇸🇪🇸🇪🇸🇪', 4).text).toBe('…');
  });

  it('uses a custom suffix', () => {
    expect(truncate('one two three four', 16, ' [more]')).toEqual({
      text: 'one two [more]',
      truncated: true,
    });
  });

  it('fits, keeps a prefix plus the suffix, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 1, max: 200 }), (text, max) => {
        const { text: out, truncated } = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (!truncated) {
          expect(out).toBe(text);
          return;
        }
        expect(out.endsWith('…')).toBe(true);
        const prefix = out.slice(0, -1);
        expect(text.startsWith(prefix)).toBe(true);
        expect(LONE_SURROGATE.test(out)).toBe(false);
      }),
    );
  });
});

describe('fitMrkdwn', () => {
  it('escapes and cuts without breaking an entity', () => {
    const { text, truncated } = fitMrkdwn('&'.repeat(100), 50);
    expect(truncated).toBe(true);
    expect(text).toBe(`${'&amp;'.repeat(9)}…`);
  });

  it('fits wrapped, escaped text with its suffix in the limit', () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 40, max: 400 }), (text, max) => {
        const suffix = '\n_(cut)_';
        const out = fitMrkdwn(text, max, { suffix, wrap: (e) => `*Ada* wrote:\n${quote(e)}` });
        expect(out.text.length).toBeLessThanOrEqual(max);
        expect(out.text).not.toMatch(/<|(?<!^)>/m);
        expect(LONE_SURROGATE.test(out.text)).toBe(false);
        if (!out.truncated) expect(out.text).toBe(`*Ada* wrote:\n${quote(escapeMrkdwn(text))}`);
      }),
    );
  });
});

describe('slackDate and mention', () => {
  it('writes a date token with an escaped fallback', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    expect(slackDate(at)).toBe(
      '<!date^1796032800^{date_short_pretty} at {time}|30 Nov at 10:00 UTC>',
    );
    expect(slackDate(at, '{date}', 'a <b>')).toBe('<!date^1796032800^{date}|a &lt;b&gt;>');
  });

  it('mentions user ids and nothing else', () => {
    expect(mention('U123ABC')).toBe('<@U123ABC>');
    expect(mention('W0ENTERPRISE')).toBe('<@W0ENTERPRISE>');
    expect(mention('!channel')).toBe('!channel');
    expect(mention('U1> <!here')).toBe('U1&gt; &lt;!here');
  });
});
