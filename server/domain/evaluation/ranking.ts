/**
 * Ranks and awards. Ties share a rank (1, 2, 2, 4). An award for the top k goes to every eligible
 * subject scoring at least the k-th eligible one's total, so a tie at the cut is never decided by
 * the order of a list. 服务之星: max(1, ceil(10 % of the ranked)) (our default); 红旗窗口:
 * min(5, ceil(20 % of windows)) (S15; our default). 约谈: at the bottom this month and the
 * months before (S62); nobody is at the bottom when everyone scores the same. Pure.
 */

/** Competition ranking by total, highest first: 1 + how many scored more. */
export function ranks(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((u) => u > t).length);
}

/** Indexes of the top `k` by total among `eligible`, ties at the cut included. */
export function topWithTies(totals: readonly number[], eligible: readonly boolean[], k: number): Set<number> {
  const candidates = totals.map((t, i) => ({ t, i })).filter(({ i }) => eligible[i]).sort((a, b) => b.t - a.t);
  if (k <= 0 || candidates.length === 0) return new Set();
  const cut = candidates[Math.min(k, candidates.length) - 1]!.t;
  return new Set(candidates.filter((c) => c.t >= cut).map((c) => c.i));
}

export const serviceStarCount = (ranked: number, share: number): number => (ranked > 0 ? Math.max(1, Math.ceil(ranked * share - 1e-9)) : 0);
export const redFlagCount = (windows: number, share: number, max: number): number => Math.min(max, Math.ceil(windows * share - 1e-9));

/** Indexes at the bottom: the lowest total, when someone scored more. */
export function bottom(totals: readonly number[]): Set<number> {
  if (totals.length === 0) return new Set();
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  if (min === max) return new Set();
  return new Set(totals.flatMap((t, i) => (t === min ? [i] : [])));
}
