import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, intersect, subtract, total, union, type Span } from '../../server/domain/attendance/spans.js';

// A naive second implementation: spans on a grid of whole units, as the set of unit cells they cover.
const N = 40;
const cells = (spans: readonly Span[]): boolean[] => {
  const out = Array<boolean>(N).fill(false);
  for (const [a, b] of spans) for (let t = a; t < b; t++) out[t] = true;
  return out;
};
/** Cells back to spans: sorted, merged, none empty — what the operations must return. */
const spansOf = (c: readonly boolean[]): Span[] => {
  const out: [number, number][] = [];
  c.forEach((on, t) => {
    if (!on) return;
    const last = out.at(-1);
    if (last && last[1] === t) last[1] = t + 1;
    else out.push([t, t + 1]);
  });
  return out;
};
// Any spans on the grid, empty and reversed ones included, in any order.
const spanList = fc.array(fc.tuple(fc.integer({ min: 0, max: N }), fc.integer({ min: 0, max: N })), { maxLength: 8 }) as fc.Arbitrary<Span[]>;

describe('spans', () => {
  it('union, intersect, subtract, clip and total agree with sets of cells, and leave their input as it was', () => {
    fc.assert(
      fc.property(spanList, spanList, fc.integer({ min: 0, max: N }), fc.integer({ min: 0, max: N }), (a, b, from, to) => {
        const before = JSON.stringify([a, b]);
        const ca = cells(a);
        const cb = cells(b);
        expect(clip(a, from, to)).toEqual(spansOf(ca.map((x, t) => x && t >= from && t < to)));
        expect(union(a)).toEqual(spansOf(ca));
        expect(intersect(a, b)).toEqual(spansOf(ca.map((x, t) => x && cb[t]!)));
        expect(subtract(a, b)).toEqual(spansOf(ca.map((x, t) => x && !cb[t]!)));
        expect(total(a)).toBe(ca.filter(Boolean).length);
        // A result that is its input unchanged is a copy: changing it changes nothing given.
        const u = union(a);
        u.push([99, 100]);
        expect(JSON.stringify([a, b])).toBe(before);
      }),
      { seed: 20261206, numRuns: 2000 },
    );
  });

  it('worked cases: a duty less a lunch and an away, and the day it meets', () => {
    const duty: Span[] = [[8, 18]];
    expect(subtract(duty, [[12, 13], [10, 11], [17, 20]])).toEqual([[8, 10], [11, 12], [13, 17]]);
    expect(intersect([[8, 10], [11, 12], [13, 17]], [[9, 14]])).toEqual([[9, 10], [11, 12], [13, 14]]);
    expect(subtract([[0, 5]], [[0, 5]])).toEqual([]);
    expect(intersect([[0, 5]], [[5, 9]])).toEqual([]);
  });
});
