import { describe, expect, it } from 'vitest';
import { renderMrkdwn, renderPlainText } from '../../src/sandbox/render/mrkdwn.ts';
import { formatSlackDate } from '../../src/sandbox/render/slack-date.ts';
import { NOW, renderContext } from './render-context.ts';

const ctx = renderContext();
const md = (text: string, verbatim = true) => renderMrkdwn(text, ctx, { verbatim });

describe('mrkdwn as the Slack client shows it', () => {
  it('formats bold, italic, strike and inline code, not inside words', () => {
    expect(md('*J-12* is _new_ and ~old~ `code`')).toBe(
      '<b>J-12</b> is <i>new</i> and <s>old</s> <code>code</code>',
    );
    expect(md('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(md('* not bold *')).toBe('* not bold *');
  });

  it('leaves markup inside code alone', () => {
    expect(md('`*not bold* <@U0ADA>`')).toBe('<code>*not bold* @Ada Admin</code>');
    expect(md('```\nline *1*\n<b>\n```')).toBe(
      '<pre class="code-block">line *1*\n&lt;b&gt;\n</pre>',
    );
  });

  it("shows mentions as @names, the reader's own highlighted, unknown ids as they are", () => {
    expect(md('<@U0BEN> and <@U0ADA>')).toBe(
      '<span class="mention" data-user-id="U0BEN">@Ben Member</span> and <span class="mention mention-me" data-user-id="U0ADA">@Ada Admin</span>',
    );
    expect(md('<@U0NOBODY>')).toContain('@U0NOBODY');
    expect(md('<#C0JOBS>')).toBe('<span class="channel-link">#jobs</span>');
    expect(md('<!here> <!channel>')).toBe(
      '<span class="mention mention-broadcast">@here</span> <span class="mention mention-broadcast">@channel</span>',
    );
  });

  it('renders links with their label and refuses unsafe schemes', () => {
    expect(md('<https://example.com/a?b=1&amp;c=2|the docs>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
    expect(md('<javascript:alert(1)|click>')).toBe('click');
    expect(md('see https://example.com', false)).toContain('<a href="https://example.com"');
    expect(md('see https://example.com', true)).toBe('see https://example.com');
  });

  it("renders <!date^…> in the reader's time zone, with the fallback as its title", () => {
    const unix = Date.parse('2026-11-30T13:05:00Z') / 1000;
    const html = md(`Answer by <!date^${unix}^{date_short_pretty} at {time}|30 Nov at 13:05 UTC>`);
    expect(html).toBe(
      'Answer by <time class="slack-date" datetime="2026-11-30T13:05:00.000Z" title="30 Nov at 13:05 UTC">Nov 30, 2026 at 14:05</time>',
    );
    const other = renderMrkdwn(
      `<!date^${unix}^{time}|x>`,
      renderContext({ timeZone: 'America/New_York', locale: 'en-US' }),
    );
    expect(other).toContain('>8:05 AM</time>');
  });

  it('keeps escaped text inert: no mention, no link, no broadcast, no HTML', () => {
    const merchant = '&lt;!channel&gt; &lt;@U0ADA&gt; &lt;https://evil.test|innocent&gt; <script>';
    const html = md(merchant);
    expect(html).toBe(
      '&lt;!channel&gt; &lt;@U0ADA&gt; &lt;https://evil.test|innocent&gt; &lt;script&gt;',
    );
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('mention');
    expect(md('Ada &amp; Co')).toBe('Ada &amp; Co');
  });

  it('groups > lines into a quote and keeps line breaks', () => {
    expect(md('From Ada:\n>Hello\n>there &gt; you\nbye')).toBe(
      'From Ada:<blockquote>Hello<br>there &gt; you</blockquote>bye',
    );
  });

  it('turns known emoji shortcodes into emoji and leaves unknown ones', () => {
    expect(md(':white_check_mark: done :not_an_emoji:')).toBe('✅ done :not_an_emoji:');
    expect(renderPlainText('Assign to me :eyes: <b>', true)).toBe('Assign to me 👀 &lt;b&gt;');
    expect(renderPlainText(':eyes:', false)).toBe(':eyes:');
  });
});

describe('<!date^…> tokens', () => {
  const unix = (iso: string) => Date.parse(iso) / 1000;
  const utc = { timeZone: 'UTC', now: NOW, locale: 'en-GB' };

  it("knows every token of Slack's date formatting", () => {
    const t = unix('2026-02-18T06:39:42Z');
    expect(formatSlackDate(t, '{date_num}', utc)).toBe('2026-02-18');
    expect(formatSlackDate(t, '{date_slash}', utc)).toBe('02/18/2026');
    expect(formatSlackDate(t, '{date}', utc)).toBe('February 18th, 2026');
    expect(formatSlackDate(t, '{date_short}', utc)).toBe('Feb 18, 2026');
    expect(formatSlackDate(t, '{date_long}', utc)).toBe('Wednesday, February 18th, 2026');
    expect(formatSlackDate(t, '{time}', utc)).toBe('6:39');
    expect(formatSlackDate(t, '{time_secs}', utc)).toBe('6:39:42');
    expect(formatSlackDate(t, '{time}', { ...utc, locale: 'en-US' })).toBe('6:39 AM');
    expect(formatSlackDate(t, 'at {unknown}', utc)).toBe('at {unknown}');
  });

  it("says Today, Yesterday and Tomorrow in the reader's zone, and how long ago", () => {
    expect(formatSlackDate(unix('2026-11-27T20:00:00Z'), '{date_pretty}', utc)).toBe('Today');
    expect(formatSlackDate(unix('2026-11-26T20:00:00Z'), '{date_short_pretty}', utc)).toBe(
      'Yesterday',
    );
    expect(formatSlackDate(unix('2026-11-28T08:00:00Z'), '{date_long_pretty}', utc)).toBe(
      'Tomorrow',
    );
    // 23:30 UTC on the 27th is already the 28th in Stockholm.
    const late = unix('2026-11-27T23:30:00Z');
    expect(formatSlackDate(late, '{date_pretty}', { ...utc, timeZone: 'Europe/Stockholm' })).toBe(
      'Tomorrow',
    );
    expect(formatSlackDate(unix('2026-11-27T09:00:00Z'), '{ago}', utc)).toBe('3 hours ago');
    expect(formatSlackDate(unix('2026-11-30T12:00:00Z'), '{ago}', utc)).toBe('in 3 days');
  });
});
