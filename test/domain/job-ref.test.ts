import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJobRef, parseJobRef } from '../../src/domain/index.ts';

describe('formatJobRef', () => {
  it('writes J-<n>', () => {
    expect(formatJobRef(12)).toBe('J-12');
    expect(formatJobRef(1)).toBe('J-1');
    expect(formatJobRef(123456)).toBe('J-123456');
  });
});

describe('parseJobRef', () => {
  it.each([
    ['J-12', 12],
    ['j-12', 12],
    ['J12', 12],
    ['j12', 12],
    ['#12', 12],
    ['12', 12],
    [' 12 ', 12],
    ['  J-7\t', 7],
    ['J-1', 1],
  ])('accepts %j → %d', (text, number) => {
    expect(parseJobRef(text)).toBe(number);
  });

  it.each([
    '',
    '   ',
    'J-',
    'J',
    '#',
    '0',
    'J-0',
    '-1',
    'J--1',
    'abc',
    '12a',
    'a12',
    '1.5',
    '1e3',
    'J 12',
    '# 12',
    'K-12',
    '12 13',
  ])('rejects %j', (text) => {
    expect(parseJobRef(text)).toBeUndefined();
  });

  it('reads back every reference it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        expect(parseJobRef(formatJobRef(n))).toBe(n);
        expect(parseJobRef(formatJobRef(n).toLowerCase())).toBe(n);
        expect(parseJobRef(`#${n}`)).toBe(n);
        expect(parseJobRef(` ${n} `)).toBe(n);
      }),
    );
  });

  it('returns a positive integer or nothing, never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const n = parseJobRef(text);
        if (n !== undefined) {
          expect(Number.isInteger(n)).toBe(true);
          expect(n).toBeGreaterThan(0);
        }
      }),
    );
  });
});
