import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numbersOf } from '../../server/store/archive/monthMetrics.js';

describe('numbersOf (the waits an aggregate returns as text)', () => {
  it('reads whole numbers, negative ones, and decimals the slow way; nothing from nothing', () => {
    expect([...numbersOf('0,15,900001,-3')]).toEqual([0, 15, 900001, -3]);
    expect([...numbersOf('1.5,2')]).toEqual([1.5, 2]);
    expect([...numbersOf('1e3')]).toEqual([1000]);
    expect(numbersOf(null)).toHaveLength(0);
    expect(numbersOf('')).toHaveLength(0);
  });

  it('refuses text that is not a list of numbers rather than reading a zero', () => {
    expect(() => numbersOf('1,,2')).toThrow(/not a number/);
    expect(() => numbersOf('1,x')).toThrow(/not a number/);
    expect(() => numbersOf('1,')).toThrow(/not a number/);
  });

  it('equals split and Number for any list of safe integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { minLength: 1, maxLength: 50 }), (xs) => {
        expect([...numbersOf(xs.join(','))]).toEqual(xs.map((x) => Number(String(x))));
      }),
      { seed: 4242, numRuns: 500 },
    );
  });
});
