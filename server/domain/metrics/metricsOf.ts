/**
 * The one metrics function: the dashboard's "today" (facts and duty intervals folded from today's
 * events) and the month's evaluation (facts and intervals from the archive) both call it. One pass
 * over the tickets gives the hall, every window, staffer, service and day, the hours of the day
 * (arrivals against served) and the wait distribution. Pure.
 */
import type { DutyInterval } from '../facts.js';
import type { MetricSummary } from '../evaluation/result.js';
import { HallDays, waitBucketsMinutes, type MetricRules } from './rules.js';
import { staffedTime } from './staffed.js';
import { MetricAccumulator } from './summary.js';
import { measureInto, type MeasuredTicket, type MetricTicket } from './ticket.js';

export interface HourRow {
  /** Hour of the day in hall time, 0–23. */
  hour: number;
  /** Tickets issued in that hour. */
  arrivals: number;
  /** Tickets served (done) in that hour. */
  served: number;
}

export interface Metrics {
  hall: MetricSummary;
  byWindow: Map<string, MetricSummary>;
  byStaff: Map<string, MetricSummary>;
  byService: Map<string, MetricSummary>;
  /** Per business day, YYYYMMDD. */
  byDay: Map<string, MetricSummary>;
  /** 24 rows, hour 0 … 23. */
  byHour: HourRow[];
  /** Called tickets per wait bucket: [0,3) [3,6) [6,9) [9,12) [12,15) [15,∞) minutes (waitBucketsMinutes). */
  waitBuckets: number[];
  /** Ticket ids over the wait target and over the standard, per staffer and per window (drill-down). */
  overTarget: { byStaff: Map<string, string[]>; byWindow: Map<string, string[]> };
  overStandard: { byStaff: Map<string, string[]>; byWindow: Map<string, string[]> };
  /** The windows each staffer called tickets at. */
  staffWindows: Map<string, Set<string>>;
}

export interface MetricsInput {
  tickets: Iterable<MetricTicket>;
  /** Duty intervals of the same span (utilisation, tickets per staffed hour); none: those stay null. */
  intervals?: readonly DutyInterval[];
  rules: MetricRules;
  /** Open intervals end here. */
  now: number;
  /** Also by service and by day (default true; the evaluation needs neither). */
  byServiceAndDay?: boolean;
}

/** A transfer counts for who made it (the path says), else where the ticket ended: the steps to credit, or undefined. */
export const transferSteps = (t: MetricTicket): MetricTicket['transferPath'] | undefined =>
  t.transfers > 0 && t.transferPath && t.transferPath.length > 0 ? t.transferPath : undefined;

const bucketOf = (waitSeconds: number): number => {
  const min = waitSeconds / 60;
  let b = 0;
  for (let i = 1; i < waitBucketsMinutes.length; i++) if (min >= waitBucketsMinutes[i]!) b = i;
  return b;
};

function acc<K>(map: Map<K, MetricAccumulator>, key: K, keepIds: boolean): MetricAccumulator {
  let a = map.get(key);
  if (!a) map.set(key, (a = new MetricAccumulator(keepIds)));
  return a;
}

export function metricsOf(input: MetricsInput): Metrics {
  const days = new HallDays(input.rules);
  const hall = new MetricAccumulator();
  const windows = new Map<string, MetricAccumulator>();
  const staff = new Map<string, MetricAccumulator>();
  const services = new Map<string, MetricAccumulator>();
  const byDay = new Map<string, MetricAccumulator>();
  const byHour: HourRow[] = Array.from({ length: 24 }, (_, hour) => ({ hour, arrivals: 0, served: 0 }));
  const waitBuckets = waitBucketsMinutes.map(() => 0);
  const staffWindows = new Map<string, Set<string>>();

  const both = input.byServiceAndDay ?? true;
  const m = {} as MeasuredTicket;
  for (const t of input.tickets) {
    measureInto(m, t, input.rules, days);
    const path = transferSteps(t);
    hall.add(m);
    if (t.windowId !== undefined) acc(windows, t.windowId, true).add(m, !path);
    if (t.staffId !== undefined) {
      acc(staff, t.staffId, true).add(m, !path);
      if (t.windowId !== undefined) {
        let set = staffWindows.get(t.staffId);
        if (!set) staffWindows.set(t.staffId, (set = new Set()));
        set.add(t.windowId);
      }
    }
    if (path) {
      for (const step of path) {
        if (step.fromWindowId !== undefined) acc(windows, step.fromWindowId, true).addTransfers(1);
        if (step.staffId !== undefined) acc(staff, step.staffId, true).addTransfers(1);
      }
    }
    if (both) {
      acc(services, t.service, false).add(m);
      acc(byDay, t.day, false).add(m);
    }
    byHour[m.issuedHour]!.arrivals += 1;
    if (m.servedHour !== undefined) byHour[m.servedHour]!.served += 1;
    if (m.wait !== undefined) waitBuckets[bucketOf(m.wait)]! += 1;
  }

  const staffed = input.intervals ? staffedTime(input.intervals, days, input.now) : undefined;
  // Staff who were signed in but served nobody still have figures (utilisation 0).
  if (staffed) {
    for (const id of staffed.byStaff.keys()) acc(staff, id, true);
    for (const id of staffed.byWindow.keys()) acc(windows, id, true);
  }
  const hallStaffed = staffed ? [...staffed.byStaff.values()].reduce((a, b) => a + b, 0) : undefined;
  const summaries = <K>(map: Map<K, MetricAccumulator>, seconds?: (k: K) => number | undefined): Map<K, MetricSummary> =>
    new Map([...map].map(([k, a]) => [k, a.summary(seconds?.(k))]));
  const ids = (map: Map<string, MetricAccumulator>, pick: (a: MetricAccumulator) => string[]): Map<string, string[]> =>
    new Map([...map].map(([k, a]) => [k, pick(a)]));
  return {
    hall: hall.summary(hallStaffed),
    byWindow: summaries(windows, staffed ? (w) => staffed.byWindow.get(w) ?? 0 : undefined),
    byStaff: summaries(staff, staffed ? (s) => staffed.byStaff.get(s) ?? 0 : undefined),
    byService: summaries(services),
    byDay: summaries(byDay, staffed ? (d) => staffed.byDay.get(d) ?? 0 : undefined),
    byHour,
    waitBuckets,
    overTarget: { byStaff: ids(staff, (a) => a.overTargetIds), byWindow: ids(windows, (a) => a.overTargetIds) },
    overStandard: { byStaff: ids(staff, (a) => a.overStandardIds), byWindow: ids(windows, (a) => a.overStandardIds) },
    staffWindows,
  };
}
