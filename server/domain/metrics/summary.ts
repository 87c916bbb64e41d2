/**
 * A subject's figures over a period (MetricSummary), gathered ticket by ticket. Definitions
 * (evaluation-defaults.md §5, §7 metrics_efficiency, metrics_rating):
 * - served: tickets done; wait average and p90 over called tickets (p90 by nearest rank);
 * - utilisation = serving ÷ (signed in − away) (S81, S82), serving = the handling times;
 * - tickets per staffed hour = served ÷ staffed hours (our default);
 * - no-show rate = no-shows ÷ calls (S83), each no-show an unanswered call and each ticket whose
 *   citizen came (it was served, or is being) an answered one;
 * - participation = ratings ÷ served (S67); 满意率 = (5+4+3) ÷ all ratings (S66) beside the strict
 *   (5+4) ÷ all (our default); 差评 = ratings 1–2 (国办发〔2019〕51号).
 * Pure.
 */
import type { MetricSummary } from '../evaluation/result.js';
import type { MeasuredTicket } from './ticket.js';

export class MetricAccumulator {
  served = 0;
  called = 0;
  came = 0;
  handled = 0;
  handlingSum = 0;
  handlingOverStandard = 0;
  waitOverTarget = 0;
  noShows = 0;
  transfers = 0;
  readonly ratings: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  private readonly waits: number[] = [];
  waitSum = 0;
  /** Ticket ids over the target / the standard, for drill-down (kept when asked). */
  readonly overTargetIds: string[] = [];
  readonly overStandardIds: string[] = [];

  constructor(private readonly keepIds = false) {}

  add(m: MeasuredTicket, countTransfers = true): void {
    const t = m.ticket;
    if (m.served) this.served += 1;
    if (m.wait !== undefined) {
      this.called += 1;
      this.waits.push(m.wait);
      this.waitSum += m.wait;
      if (m.waitOverTarget) {
        this.waitOverTarget += 1;
        if (this.keepIds) this.overTargetIds.push(t.ticketId);
      }
    }
    if (m.handling !== undefined) {
      this.handled += 1;
      this.handlingSum += m.handling;
      if (m.handlingOverStandard) {
        this.handlingOverStandard += 1;
        if (this.keepIds) this.overStandardIds.push(t.ticketId);
      }
    }
    if (m.served || t.status === 'serving') this.came += 1;
    this.noShows += t.noShows;
    if (countTransfers) this.transfers += t.transfers;
    if (t.rating) this.ratings[t.rating.level - 1]! += 1;
  }

  /** Transfers made by this subject (counted from the transfer path, not where the ticket ended). */
  addTransfers(n: number): void {
    this.transfers += n;
  }

  summary(staffedSeconds?: number): MetricSummary {
    const sorted = this.waits.length > 1 ? Float64Array.from(this.waits).sort() : this.waits;
    return summaryOf(this, p90Of(sorted), staffedSeconds);
  }
}

/** The additive counts a summary is made of: the accumulator's, or an SQL aggregate's (monthMetrics.ts). */
export interface MetricTally {
  served: number;
  called: number;
  came: number;
  handled: number;
  handlingSum: number;
  handlingOverStandard: number;
  waitOverTarget: number;
  waitSum: number;
  noShows: number;
  transfers: number;
  ratings: readonly [number, number, number, number, number];
}

/** A tally with nothing counted, to add to (its ratings writable). */
export const emptyTally = (): MetricTally & { ratings: [number, number, number, number, number] } => ({
  served: 0, called: 0, came: 0, handled: 0, handlingSum: 0, handlingOverStandard: 0, waitOverTarget: 0, waitSum: 0, noShows: 0, transfers: 0, ratings: [0, 0, 0, 0, 0],
});

/**
 * The 90th percentile by nearest rank: the ceil(0.9 n)-th smallest, computed in floating point
 * exactly as PostgreSQL's percentile_disc(0.9) does (ceil(0.9 × n) in doubles), so the SQL
 * aggregate and this agree to the ticket.
 */
export const p90Of = (ascending: ArrayLike<number>): number | null => (ascending.length ? ascending[Math.max(1, Math.ceil(0.9 * ascending.length)) - 1]! : null);

/**
 * The same nearest-rank p90 of values in any order, without sorting them: a selection (Hoare's
 * quickselect, middle pivot) that reorders `values` in place. Linear on average: a month's
 * hall-wide p90 is one pass over its waits, not a sort of them.
 */
export function p90OfUnsorted(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const k = Math.max(1, Math.ceil(0.9 * n)) - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi]; between them, equal to the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

export function summaryOf(t: MetricTally, waitP90Seconds: number | null, staffedSeconds?: number): MetricSummary {
  const rated = t.ratings.reduce((a, b) => a + b, 0);
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
  const staffed = staffedSeconds !== undefined && staffedSeconds > 0 ? staffedSeconds : undefined;
  const [r1, r2, r3, r4, r5] = t.ratings;
  return {
    served: t.served,
    waitAvgSeconds: ratio(t.waitSum, t.called),
    waitP90Seconds,
    handlingAvgSeconds: ratio(t.handlingSum, t.handled),
    handlingOverStandard: t.handlingOverStandard,
    waitOverTarget: t.waitOverTarget,
    ticketsPerStaffedHour: staffed ? t.served / (staffed / 3600) : null,
    utilisation: staffed ? Math.min(1, t.handlingSum / staffed) : null,
    noShowRate: ratio(t.noShows, t.noShows + t.came),
    transfers: t.transfers,
    ratings: [r1, r2, r3, r4, r5],
    participation: ratio(rated, t.served),
    satisfaction: ratio(r3 + r4 + r5, rated),
    strictSatisfaction: ratio(r4 + r5, rated),
    badReviews: r1 + r2,
    called: t.called,
    handled: t.handled,
    rated,
    noShows: t.noShows,
    ...(staffedSeconds !== undefined ? { staffedSeconds } : {}),
    servingSeconds: t.handlingSum,
  };
}
