/**
 * The same Metrics as metricsOf, assembled from counts an SQL aggregate made of the month's facts
 * (server/store/archive/monthMetrics.ts executes measure()'s definitions in SQL, proven equal by
 * tests/evaluation/month-metrics.test.ts). Only what the evaluation reads: the hall, every staffer
 * and window, the tickets over their lines; by service, day and hour stay empty. Staffed time,
 * the summary's ratios and the crediting of transfers are this module's code, shared with
 * metricsOf. Pure.
 */
import type { DutyInterval } from '../facts.js';
import type { MetricSummary } from '../evaluation/result.js';
import type { Metrics } from './metricsOf.js';
import { transferSteps } from './metricsOf.js';
import { HallDays, waitBucketsMinutes, type MetricRules } from './rules.js';
import { staffedTime } from './staffed.js';
import { emptyTally, summaryOf, type MetricTally } from './summary.js';
import type { MetricTicket } from './ticket.js';

export interface Tallied {
  tally: MetricTally;
  p90: number | null;
}

export interface TalliesInput {
  hall: Tallied;
  /** Per staffer / window, with the transfers of tickets that carry a path left out (they are credited below). */
  byStaff: Map<string, Tallied>;
  byWindow: Map<string, Tallied>;
  /** Tickets with a transfer path: the steps are credited to who made them. */
  transferred: readonly Pick<MetricTicket, 'transfers' | 'transferPath'>[];
  overTarget: { byStaff: Map<string, string[]>; byWindow: Map<string, string[]> };
  overStandard: { byStaff: Map<string, string[]>; byWindow: Map<string, string[]> };
  staffWindows: Map<string, Set<string>>;
  intervals?: readonly DutyInterval[];
  rules: MetricRules;
  now: number;
}

const zero = (): Tallied => ({ tally: emptyTally(), p90: null });

export function metricsFromTallies(input: TalliesInput): Metrics {
  const staff = new Map(input.byStaff);
  const windows = new Map(input.byWindow);
  const credit = (map: Map<string, Tallied>, id: string): void => {
    const t = map.get(id) ?? zero();
    map.set(id, { p90: t.p90, tally: { ...t.tally, transfers: t.tally.transfers + 1 } });
  };
  for (const t of input.transferred) {
    for (const step of transferSteps(t as MetricTicket) ?? []) {
      if (step.fromWindowId !== undefined) credit(windows, step.fromWindowId);
      if (step.staffId !== undefined) credit(staff, step.staffId);
    }
  }
  const staffed = input.intervals ? staffedTime(input.intervals, new HallDays(input.rules), input.now) : undefined;
  if (staffed) {
    for (const id of staffed.byStaff.keys()) if (!staff.has(id)) staff.set(id, zero());
    for (const id of staffed.byWindow.keys()) if (!windows.has(id)) windows.set(id, zero());
  }
  const hallStaffed = staffed ? [...staffed.byStaff.values()].reduce((a, b) => a + b, 0) : undefined;
  const summaries = (map: Map<string, Tallied>, seconds?: Map<string, number>): Map<string, MetricSummary> =>
    new Map([...map].map(([k, t]) => [k, summaryOf(t.tally, t.p90, seconds ? (seconds.get(k) ?? 0) : undefined)]));
  const ids = (byId: Map<string, string[]>, keys: Iterable<string>): Map<string, string[]> => new Map([...keys].map((k) => [k, byId.get(k) ?? []]));
  return {
    hall: summaryOf(input.hall.tally, input.hall.p90, hallStaffed),
    byWindow: summaries(windows, staffed?.byWindow),
    byStaff: summaries(staff, staffed?.byStaff),
    byService: new Map(),
    byDay: new Map(),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, arrivals: 0, served: 0 })),
    waitBuckets: waitBucketsMinutes.map(() => 0),
    overTarget: { byStaff: ids(input.overTarget.byStaff, staff.keys()), byWindow: ids(input.overTarget.byWindow, windows.keys()) },
    overStandard: { byStaff: ids(input.overStandard.byStaff, staff.keys()), byWindow: ids(input.overStandard.byWindow, windows.keys()) },
    staffWindows: input.staffWindows,
  };
}
