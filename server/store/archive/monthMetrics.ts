/**
 * The month's metrics as the evaluation needs them, read from the archive the cheapest way each
 * database allows.
 *
 * PostgreSQL: the per-ticket definitions of server/domain/metrics/ticket.ts `measure` — the wait
 * to the answered call (the first call of a transferred ticket), less the hall's lunch break of
 * its day (the day's lunch times come from the domain's HallDays); 等候超时 wait > target; 办理超时
 * handling > its service's standard — are executed in SQL and counted per staffer, per window,
 * per staffer and window and for the hall (GROUPING SETS), with the p90 wait by percentile_disc
 * (nearest rank, as domain/metrics/summary.ts p90Of); only the tickets over a line (their ids for
 * the drill-down, listed per staffer and window) and the transferred ones (whose path credits
 * who transferred) come back.
 * The summaries, staffed time and transfer credits are then the domain's (metricsFromTallies).
 * tests/evaluation/month-metrics.test.ts proves this equal to metricsOf over the same facts.
 *
 * SQLite runs in this process: its rows cost little, and its percentile_disc is not nearest rank,
 * so the facts are read (monthTicketFacts) and metricsOf measures them.
 */
import { sql } from 'kysely';
import type { HallConfig } from '../../config.js';
import type { DutyInterval } from '../../domain/facts.js';
import { metricsFromTallies, type Tallied } from '../../domain/metrics/fromTallies.js';
import { metricsOf, type Metrics } from '../../domain/metrics/metricsOf.js';
import { HallDays, metricRulesOf } from '../../domain/metrics/rules.js';
import type { MetricTally } from '../../domain/metrics/summary.js';
import type { MetricTicket } from '../../domain/metrics/ticket.js';
import { sqliteHandle, type ArchiveDb } from './database.js';
import { monthTicketFacts } from './monthFacts.js';

export interface MonthMetricsInput {
  hall: HallConfig;
  /** Business days YYYYMMDD, inclusive. */
  fromDay: string;
  toDay: string;
  intervals?: readonly DutyInterval[];
  now: number;
}

/** Every business day from..to (YYYYMMDD). */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(4, 6)) - 1, Number(from.slice(6, 8))));
  for (let i = 0; i < 400; i++) {
    const s = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    if (s > to) break;
    out.push(s);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

interface TallyRow {
  staff_id: string | null;
  window_id: string | null;
  g_staff: number;
  g_window: number;
  served: number;
  came: number;
  called: number;
  wait_sum: number | null;
  over_target: number;
  p90: number | null;
  handled: number;
  handling_sum: number | null;
  over_standard: number;
  no_shows: number;
  /** All transfers (the hall counts every one), and those of tickets without a path (a staffer or window counts only these; the path credits the rest). */
  transfers_all: number;
  transfers_unpathed: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
  /** Per staffer and window only: the ids of the tickets over the wait target / the standard, comma-separated. */
  over_target_ids: string | null;
  over_standard_ids: string | null;
}

export async function monthMetrics(db: ArchiveDb, input: MonthMetricsInput): Promise<Metrics> {
  const rules = metricRulesOf(input.hall);
  if (sqliteHandle(db)) {
    const tickets = await monthTicketFacts(db, input.hall.id, input.fromDay, input.toDay);
    return metricsOf({ tickets, ...(input.intervals ? { intervals: input.intervals } : {}), rules, now: input.now, byServiceAndDay: false });
  }
  const days = new HallDays(rules);
  const lunches = rules.lunch ? daysBetween(input.fromDay, input.toDay).map((day) => ({ day, lf: days.of(day).lunch![0], lt: days.of(day).lunch![1] })) : [];
  const standards = [...rules.standardSeconds].map(([service, std]) => ({ service, std }));
  const hallId = input.hall.id;
  const measured = sql`
    with lunch as (select * from jsonb_to_recordset(${JSON.stringify(lunches)}::jsonb) as x(day text, lf bigint, lt bigint)),
    standard as (select * from jsonb_to_recordset(${JSON.stringify(standards)}::jsonb) as x(service text, std double precision)),
    ended as (
      select f.ticket_id, f.day, f.service, f.staff_id, f.window_id, f.status, f.rating_level, f.no_shows, f.transfers, f.transfer_path, f.handling_seconds, f.issued_at,
        case when f.transfers > 0 then f.first_called_at else coalesce(f.last_called_at, f.first_called_at) end as wait_end
      from ticket_facts f where f.hall_id = ${hallId} and f.day >= ${input.fromDay} and f.day <= ${input.toDay}
    ),
    t as (
      select e.ticket_id, e.staff_id, e.window_id, e.status, e.rating_level, e.no_shows, e.transfers, e.transfer_path,
        e.handling_seconds::float8 as handling, s.std,
        case when e.wait_end is null then null
             else (greatest(0, e.wait_end - e.issued_at) - coalesce(greatest(0, least(e.wait_end, l.lt) - greatest(e.issued_at, l.lf)), 0))::float8 / 1000 end as wait
      from ended e left join lunch l on l.day = e.day left join standard s on s.service = e.service
    )`;
  const target = rules.waitTargetSeconds;
  const [tallies, transferred] = await Promise.all([
    sql<TallyRow>`${measured}
      select staff_id, window_id, grouping(staff_id)::int as g_staff, grouping(window_id)::int as g_window,
        count(*) filter (where status = 'done')::int as served,
        count(*) filter (where status in ('done', 'serving'))::int as came,
        count(wait)::int as called, sum(wait) as wait_sum, count(*) filter (where wait > ${target})::int as over_target,
        percentile_disc(0.9) within group (order by wait) as p90,
        count(handling)::int as handled, sum(handling) as handling_sum, count(*) filter (where handling > std)::int as over_standard,
        coalesce(sum(no_shows), 0)::int as no_shows,
        coalesce(sum(transfers), 0)::int as transfers_all, coalesce(sum(case when transfers > 0 and transfer_path <> '[]' then 0 else transfers end), 0)::int as transfers_unpathed,
        count(*) filter (where rating_level = 1)::int as r1, count(*) filter (where rating_level = 2)::int as r2, count(*) filter (where rating_level = 3)::int as r3,
        count(*) filter (where rating_level = 4)::int as r4, count(*) filter (where rating_level = 5)::int as r5,
        case when grouping(staff_id) + grouping(window_id) = 0 then coalesce(string_agg(ticket_id, ',') filter (where wait > ${target}), '') end as over_target_ids,
        case when grouping(staff_id) + grouping(window_id) = 0 then coalesce(string_agg(ticket_id, ',') filter (where handling > std), '') end as over_standard_ids
      from t group by grouping sets ((staff_id), (window_id), (staff_id, window_id), ())`.execute(db),
    sql<{ transfers: number; transfer_path: string }>`
      select transfers, transfer_path from ticket_facts
      where hall_id = ${hallId} and day >= ${input.fromDay} and day <= ${input.toDay} and transfers > 0 and transfer_path <> '[]'`.execute(db),
  ]);

  const tallied = (r: TallyRow, isHall = false): Tallied => {
    const tally: MetricTally = {
      served: r.served, called: r.called, came: r.came, handled: r.handled, handlingSum: r.handling_sum ?? 0, handlingOverStandard: r.over_standard,
      waitOverTarget: r.over_target, waitSum: r.wait_sum ?? 0, noShows: r.no_shows, transfers: isHall ? r.transfers_all : r.transfers_unpathed, ratings: [r.r1, r.r2, r.r3, r.r4, r.r5],
    };
    return { tally, p90: r.p90 };
  };
  let hall: Tallied | undefined;
  const byStaff = new Map<string, Tallied>();
  const byWindow = new Map<string, Tallied>();
  const staffWindows = new Map<string, Set<string>>();
  for (const r of tallies.rows) {
    if (r.g_staff === 1 && r.g_window === 1) hall = tallied(r, true);
    else if (r.g_window === 1) {
      if (r.staff_id !== null) byStaff.set(r.staff_id, tallied(r));
    } else if (r.g_staff === 1) {
      if (r.window_id !== null) byWindow.set(r.window_id, tallied(r));
    } else if (r.staff_id !== null && r.window_id !== null) {
      // as metricsOf: a staffer's windows are those of the tickets they called.
      let set = staffWindows.get(r.staff_id);
      if (!set) staffWindows.set(r.staff_id, (set = new Set()));
      set.add(r.window_id);
    }
  }
  const overTarget = { byStaff: new Map<string, string[]>(), byWindow: new Map<string, string[]>() };
  const overStandard = { byStaff: new Map<string, string[]>(), byWindow: new Map<string, string[]>() };
  const add = (o: typeof overTarget, r: TallyRow, ids: string | null): void => {
    if (!ids) return;
    const list = ids.split(',');
    if (r.staff_id !== null) o.byStaff.set(r.staff_id, [...(o.byStaff.get(r.staff_id) ?? []), ...list]);
    if (r.window_id !== null) o.byWindow.set(r.window_id, [...(o.byWindow.get(r.window_id) ?? []), ...list]);
  };
  for (const r of tallies.rows) {
    if (r.g_staff !== 0 || r.g_window !== 0) continue;
    add(overTarget, r, r.over_target_ids);
    add(overStandard, r, r.over_standard_ids);
  }
  const empty: Tallied = { tally: { served: 0, called: 0, came: 0, handled: 0, handlingSum: 0, handlingOverStandard: 0, waitOverTarget: 0, waitSum: 0, noShows: 0, transfers: 0, ratings: [0, 0, 0, 0, 0] }, p90: null };
  return metricsFromTallies({
    hall: hall ?? empty,
    byStaff,
    byWindow,
    transferred: transferred.rows.map((r) => ({ transfers: r.transfers, transferPath: JSON.parse(r.transfer_path) as MetricTicket['transferPath'] })),
    overTarget,
    overStandard,
    staffWindows,
    ...(input.intervals ? { intervals: input.intervals } : {}),
    rules,
    now: input.now,
  });
}
