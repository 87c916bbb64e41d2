/** Time spans [start, end) in epoch ms, and the few set operations attendance needs. Pure. */
export type Span = readonly [number, number];

/** Sorted, merged, empty spans dropped. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [a0, a1] of union(a)) for (const [b0, b1] of union(b)) if (Math.min(a1, b1) > Math.max(a0, b0)) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return union(out);
}

export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  let rest = union(a);
  for (const [b0, b1] of union(b)) {
    rest = rest.flatMap(([a0, a1]): Span[] => {
      if (b1 <= a0 || b0 >= a1) return [[a0, a1]];
      const parts: Span[] = [];
      if (b0 > a0) parts.push([a0, b0]);
      if (b1 < a1) parts.push([b1, a1]);
      return parts;
    });
  }
  return rest;
}

export const total = (spans: readonly Span[]): number => union(spans).reduce((s, [a, b]) => s + (b - a), 0);

/** Milliseconds as minutes, to two decimals (figures stay readable and sum without drift at whole minutes). */
export const minutes = (ms: number): number => Math.round(ms / 600) / 100;
