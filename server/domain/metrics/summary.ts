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
  private waitSum = 0;
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
    const rated = this.ratings.reduce((a, b) => a + b, 0);
    const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    const sorted = this.waits.length > 1 ? Float64Array.from(this.waits).sort() : this.waits;
    const staffed = staffedSeconds !== undefined && staffedSeconds > 0 ? staffedSeconds : undefined;
    const [r1, r2, r3, r4, r5] = this.ratings;
    return {
      served: this.served,
      waitAvgSeconds: ratio(this.waitSum, this.called),
      waitP90Seconds: sorted.length ? sorted[Math.ceil(0.9 * sorted.length) - 1]! : null,
      handlingAvgSeconds: ratio(this.handlingSum, this.handled),
      handlingOverStandard: this.handlingOverStandard,
      waitOverTarget: this.waitOverTarget,
      ticketsPerStaffedHour: staffed ? this.served / (staffed / 3600) : null,
      utilisation: staffed ? Math.min(1, this.handlingSum / staffed) : null,
      noShowRate: ratio(this.noShows, this.noShows + this.came),
      transfers: this.transfers,
      ratings: [...this.ratings],
      participation: ratio(rated, this.served),
      satisfaction: ratio(r3 + r4 + r5, rated),
      strictSatisfaction: ratio(r4 + r5, rated),
      badReviews: r1 + r2,
      called: this.called,
      handled: this.handled,
      rated,
      noShows: this.noShows,
      ...(staffedSeconds !== undefined ? { staffedSeconds } : {}),
      servingSeconds: this.handlingSum,
    };
  }
}
