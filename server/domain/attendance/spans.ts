/**
 * Time spans [start, end) in epoch ms, and the few set operations attendance needs. Pure.
 * Each operation normalises its inputs (sorted, merged, empty spans dropped) and then sweeps
 * them once, so a month of a staffer's intervals costs n log n, not n × m.
 */
export type Span = readonly [number, number];

/** Sorted, merged, empty spans dropped: the list itself when it already is (read, never changed). */
function normal(spans: readonly Span[]): readonly Span[] {
  // Most lists a day's attendance hands here are one span, or already normal: no copy for those.
  let ok = true;
  for (let i = 0; i < spans.length && ok; i++) ok = spans[i]![1] > spans[i]![0] && (i === 0 || spans[i]![0] > spans[i - 1]![1]);
  if (ok) return spans;
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Sorted, merged, empty spans dropped. */
export function union(spans: readonly Span[]): Span[] {
  const n = normal(spans);
  return n === spans ? spans.slice() : (n as Span[]);
}

/** Time in both. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  if (a.length === 0 || b.length === 0) return [];
  const x = normal(a);
  const y = normal(b);
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a0, a1] = x[i]!;
    const [b0, b1] = y[j]!;
    const from = Math.max(a0, b0);
    const to = Math.min(a1, b1);
    if (to > from) out.push([from, to]);
    // The span ending first cannot meet anything further in the other list.
    if (a1 <= b1) i += 1;
    else j += 1;
  }
  return out;
}

/** Time in `a` and not in `b`. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  if (a.length === 0) return [];
  if (b.length === 0) return union(a);
  const x = normal(a);
  const y = normal(b);
  const out: Span[] = [];
  let j = 0;
  for (const [a0, a1] of x) {
    let from = a0;
    // Spans of b ending before this one starts are behind every later span of a too.
    while (j < y.length && y[j]![1] <= from) j += 1;
    let k = j;
    while (k < y.length && y[k]![0] < a1) {
      const [b0, b1] = y[k]!;
      if (b0 > from) out.push([from, b0]);
      from = Math.max(from, b1);
      if (from >= a1) break;
      k += 1;
    }
    if (from < a1) out.push([from, a1]);
  }
  return out;
}

/** Time in `spans` between `from` and `to`: intersect(spans, [[from, to]]) without building the second list. */
export function clip(spans: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  if (to <= from) return out;
  for (const [a, b] of normal(spans)) {
    if (b <= from) continue;
    if (a >= to) break;
    out.push([Math.max(a, from), Math.min(b, to)]);
  }
  return out;
}

export const total = (spans: readonly Span[]): number => {
  let sum = 0;
  for (const [a, b] of normal(spans)) sum += b - a;
  return sum;
};

/** Milliseconds as minutes, to two decimals (figures stay readable and sum without drift at whole minutes). */
export const minutes = (ms: number): number => Math.round(ms / 600) / 100;
