import { describe, expect, it } from 'vitest';
import { plainFromSlack } from '../../src/slack/slack-text.ts';

describe('plainFromSlack', () => {
  it.each([
    ['Tom &amp; Jerry &lt;3 &gt;', 'Tom & Jerry <3 >'],
    ['ask <@U123|ada>', 'ask @ada'],
    ['ask <@U123>', 'ask @U123'],
    ['in <#C1|jobs>', 'in #jobs'],
    ['<!here> look', '@here look'],
    ['see <https://x.io/a|the docs>', 'see the docs (https://x.io/a)'],
    ['see <https://x.io/a>', 'see https://x.io/a'],
    ['&amp;lt; stays literal', '&lt; stays literal'],
  ])('%s → %s', (slack, plain) => {
    expect(plainFromSlack(slack)).toBe(plain);
  });
});
