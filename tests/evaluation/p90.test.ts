import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { p90OfUnsorted } from '../../server/domain/metrics/summary.js';

// The naive reading of the rule: sort ascending, take the ceil(0.9 n)-th value (nearest rank).
const naive = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(0.9 * sorted.length)) - 1]!;
};

describe('p90 by selection', () => {
  it('worked cases: 10 values → the 9th; 11 → the 10th; 1 → itself; none → null', () => {
    expect(p90OfUnsorted(Float64Array.from([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]))).toBe(9);
    expect(p90OfUnsorted(Float64Array.from([11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6]))).toBe(10);
    expect(p90OfUnsorted(Float64Array.from([42]))).toBe(42);
    expect(p90OfUnsorted(new Float64Array(0))).toBeNull();
  });

  it('equals the nearest rank of the sorted values, ties and repeats included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10_000_000 })), { maxLength: 300 }), (xs) => {
        expect(p90OfUnsorted(Float64Array.from(xs))).toBe(naive(xs));
      }),
      { seed: 9090, numRuns: 3000 },
    );
  });
});
