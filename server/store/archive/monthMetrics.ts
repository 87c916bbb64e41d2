/**
 * The month's metrics as the evaluation needs them, counted in SQL on both databases.
 *
 * One GROUP BY per hall over its month of facts, per staffer and window pair: the per-ticket
 * definitions of server/domain/metrics/ticket.ts `measure` — the wait to the answered call (the
 * first call of a transferred ticket) less the lunch break of the ticket's day; 等候超时 wait > the
 * target; 办理超时 handling > its service's standard — executed row by row, and the pair's counts,
 * sums, waits (for the p90), the ids of the tickets over a line (for the drill-down) and the
 * transfer paths (a path credits who transferred) returned.
 * The day's lunch and each service's standard are CASE expressions over bound parameters (a join
 * against a parameter table costs SQLite a scan of it per row). The roll-up to staffers,
 * windows and the hall, the p90s, staffed time and the summaries are the domain's (rollUp,
 * metricsFromTallies). tests/evaluation/month-metrics.test.ts proves this equal to metricsOf.
 */
import { sql, type RawBuilder } from 'kysely';
import type { HallConfig } from '../../config.js';
import type { DutyInterval } from '../../domain/facts.js';
import { metricsFromTallies } from '../../domain/metrics/fromTallies.js';
import type { Metrics } from '../../domain/metrics/metricsOf.js';
import { rollUp, type PairTally } from '../../domain/metrics/rollUp.js';
import { HallDays, metricRulesOf } from '../../domain/metrics/rules.js';
import type { MetricTicket } from '../../domain/metrics/ticket.js';
import { shiftDay } from '../../domain/time.js';
import { sqliteHandle, type ArchiveDb } from './database.js';
import { readRows } from './sqliteReader.js';

export interface MonthMetricsInput {
  hall: HallConfig;
  /** Business days YYYYMMDD, inclusive. */
  fromDay: string;
  toDay: string;
  /** The duty intervals for staffed time; a promise lets their read run beside the facts' query. */
  intervals?: readonly DutyInterval[] | PromiseLike<readonly DutyInterval[]>;
  now: number;
}

interface PairRow {
  staff_id: string | null;
  window_id: string | null;
  served: number;
  came: number;
  called: number;
  wait_ms_sum: number | null;
  over_target: number;
  handled: number;
  handling_sum: number | null;
  over_standard: number;
  no_shows: number;
  transfers_all: number;
  transfers_unpathed: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
  /** The pair's waits in ms, comma-separated. */
  waits: string | null;
  over_target_ids: string | null;
  over_standard_ids: string | null;
  /** The transfer paths (JSON arrays) of the pair's transferred tickets that carry one, comma-separated. */
  transfer_paths: string | null;
}

/**
 * Comma-separated numbers (the waits in ms) as an array. Whole numbers — what the archive's
 * integer times give — are read without splitting the text into a string per number (a month of
 * a city is a million of them); anything else is read by Number, and text that is not a number
 * is an error, not a zero.
 */
export function numbersOf(text: string | null): Float64Array {
  if (!text) return new Float64Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Float64Array(n);
  let k = 0;
  let value = 0;
  let negative = false;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44 && digits > 0) {
      out[k++] = negative ? -value : value;
      value = 0;
      negative = false;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 45 && digits === 0 && !negative) negative = true;
    else return slowNumbersOf(text);
  }
  return out;
}

function slowNumbersOf(text: string): Float64Array {
  return Float64Array.from(text.split(','), (s) => {
    const x = s.trim() === '' ? NaN : Number(s);
    if (Number.isNaN(x)) throw new Error(`archive read: not a number in a list of waits: ${JSON.stringify(s)}`);
    return x;
  });
}

/** Every business day from..to (YYYYMMDD). */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = shiftDay(d, 1)) out.push(d);
  return out;
}

/**
 * The value of `key` in a lookup table as a CASE expression over bound parameters, null when the
 * table is empty; values of one SQL type. Text keys (the services) are a list of `when`s;
 * number keys (the days as YYYYMMDD numbers) a binary search, `case when key < k then … else …
 * end`, log2 n integer comparisons a row — a comparison of text under PostgreSQL's collation
 * would cost more than the rest of the row.
 */
function lookup(key: RawBuilder<unknown>, pairs: readonly (readonly [string | number, number])[], type: 'bigint' | 'float8', sqlite: boolean): RawBuilder<unknown> {
  const value = (v: number) => (sqlite ? sql`${v}` : sql`${v}::${sql.raw(type)}`);
  if (pairs.length === 0) return sql`null`;
  if (typeof pairs[0]![0] === 'string') return sql`case ${key} ${sql.join(pairs.map(([k, v]) => sql`when ${k} then ${value(v)}`), sql` `)} end`;
  const search = (from: number, to: number): RawBuilder<unknown> => {
    if (to - from === 1) return sql`case when ${key} = ${pairs[from]![0]} then ${value(pairs[from]![1])} end`;
    const mid = (from + to) >> 1;
    return sql`case when ${key} < ${pairs[mid]![0]} then ${search(from, mid)} else ${search(mid, to)} end`;
  };
  return search(0, pairs.length);
}

export async function monthMetrics(db: ArchiveDb, input: MonthMetricsInput): Promise<Metrics> {
  const rules = metricRulesOf(input.hall);
  // Awaited once the facts are counted; a failure meanwhile is held for then, not left unhandled.
  const intervalsRead = Promise.resolve(input.intervals);
  intervalsRead.catch(() => undefined);
  const sqlite = sqliteHandle(db) !== undefined;
  const days = new HallDays(rules);
  const lunches = rules.lunch ? daysBetween(input.fromDay, input.toDay).map((day) => [day, days.of(day).lunch!] as const) : [];
  // SQLite's two-argument max/min are PostgreSQL's greatest/least (none of the arguments is null here).
  const greatest = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => (sqlite ? sql`max(${a}, ${b})` : sql`greatest(${a}, ${b})`);
  const least = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => (sqlite ? sql`min(${a}, ${b})` : sql`least(${a}, ${b})`);
  const int = (n: number) => sql.raw(String(Math.trunc(n)));
  // The lunch of a ticket's day, looked up once a row (below the fence of the next subquery).
  const dayLookups = sql`${lookup(sql.ref('day_n'), lunches.map(([d, l]) => [Number(d), l[0]]), 'bigint', sqlite)} as lf,
          ${lookup(sql.ref('day_n'), lunches.map(([d, l]) => [Number(d), l[1]]), 'bigint', sqlite)} as lt`;
  const lf = sql.ref('lf');
  const lt = sql.ref('lt');
  const std = lookup(sql.ref('service'), [...rules.standardSeconds], 'float8', sqlite);
  const end = sql.ref('wait_end');
  const issued = sql.ref('issued_at');
  const lunchMs = lunches.length ? sql`coalesce(${greatest(int(0), sql`${least(end, lt)} - ${greatest(issued, lf)}`)}, 0)` : sql`0`;
  const text = (e: RawBuilder<unknown>) => (sqlite ? e : sql`${e}::text`);
  const list = (e: RawBuilder<unknown>) => sql`string_agg(${text(e)}, ',')`;
  const count = (e: RawBuilder<unknown>) => (sqlite ? sql`count(${e})` : sql`count(${e})::int`);
  const total = (e: RawBuilder<unknown>) => (sqlite ? sql`coalesce(sum(${e}), 0)` : sql`coalesce(sum(${e}), 0)::float8`);
  const where = (e: RawBuilder<unknown>) => (sqlite ? sql`count(*) filter (where ${e})` : sql`(count(*) filter (where ${e}))::int`);
  // Each ticket read and measured once, in subqueries the planner must not merge into the next
  // (it would compute the day and the wait again at every use): SQLite's LIMIT -1, PostgreSQL's OFFSET 0.
  const fence = sqlite ? sql`limit -1` : sql`offset 0`;
  const targetMs = rules.waitTargetSeconds * 1000;
  const hallId = input.hall.id;

  const pairs = sql<PairRow>`
    select staff_id, window_id,
      ${where(sql`status = 'done'`)} as served, ${where(sql`status in ('done', 'serving')`)} as came,
      ${count(sql.ref('wait_ms'))} as called, ${total(sql.ref('wait_ms'))} as wait_ms_sum, ${count(sql.ref('over_target_id'))} as over_target,
      ${count(sql.ref('handling'))} as handled, ${total(sql.ref('handling'))} as handling_sum, ${count(sql.ref('over_standard_id'))} as over_standard,
      ${total(sql.ref('no_shows'))} as no_shows, ${total(sql.ref('transfers'))} as transfers_all, ${total(sql.ref('transfers_unpathed'))} as transfers_unpathed,
      ${where(sql`rating_level = 1`)} as r1, ${where(sql`rating_level = 2`)} as r2, ${where(sql`rating_level = 3`)} as r3,
      ${where(sql`rating_level = 4`)} as r4, ${where(sql`rating_level = 5`)} as r5,
      ${list(sql.ref('wait_ms'))} as waits, ${list(sql.ref('over_target_id'))} as over_target_ids, ${list(sql.ref('over_standard_id'))} as over_standard_ids,
      ${list(sql.ref('transfer_path'))} as transfer_paths
    from (
      select staff_id, window_id, status, rating_level, no_shows, transfers, transfers_unpathed, transfer_path, handling, wait_ms,
        case when wait_ms > ${targetMs} then ticket_id end as over_target_id,
        case when handling > std then ticket_id end as over_standard_id
      from (
        select ticket_id, staff_id, window_id, status, rating_level, no_shows, transfers, handling_seconds as handling, ${std} as std,
          case when transfers > 0 and transfer_path <> '[]' then 0 else transfers end as transfers_unpathed,
          case when transfers > 0 and transfer_path <> '[]' then transfer_path end as transfer_path,
          case when wait_end is null then null else ${greatest(int(0), sql`wait_end - issued_at`)} - ${lunchMs} end as wait_ms
        from (
          select f.*${lunches.length ? sql`, ${dayLookups}` : sql``}
          from (
            select ticket_id, cast(day as integer) as day_n, service, staff_id, window_id, status, rating_level, no_shows, transfers, transfer_path, handling_seconds, issued_at,
              case when transfers > 0 then first_called_at else coalesce(last_called_at, first_called_at) end as wait_end
            from ticket_facts where hall_id = ${hallId} and day >= ${input.fromDay} and day <= ${input.toDay}
            ${fence}
          ) f
          ${fence}
        ) d
        ${fence}
      ) m
    ) t
    group by staff_id, window_id`;
  const rows = sqlite
    ? await readRows(db, pairs.compile(db))
    : // PostgreSQL guesses thousands of staffer-window groups in a hall (it cannot see that a
      // hall has its own few) and sorts the month's rows to group them; with room for a hash
      // table, which the pairs fit in many times over, it hashes them: a third less time. And a
      // hall's month is too small for parallel workers: starting them costs more than they save.
      // One round trip opens the transaction and sets both for it alone.
      await db.connection().execute(async (conn) => {
        await sql`begin; set local work_mem = '32MB'; set local max_parallel_workers_per_gather = 0`.execute(conn);
        try {
          const { rows } = await pairs.execute(conn);
          await sql`commit`.execute(conn);
          return rows;
        } catch (err) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw err;
        }
      });
  const intervals = await intervalsRead;
  const ids = (s: string | null): string[] => (s ? s.split(',') : []);
  const tallies = rows.map((r): PairTally => {
    const waitsMs = numbersOf(r.waits);
    return {
      staffId: r.staff_id,
      windowId: r.window_id,
      tally: {
        served: r.served, called: r.called, came: r.came, handled: r.handled, handlingSum: r.handling_sum ?? 0, handlingOverStandard: r.over_standard,
        waitOverTarget: r.over_target, waitSum: (r.wait_ms_sum ?? 0) / 1000, noShows: r.no_shows, transfers: r.transfers_unpathed,
        ratings: [r.r1, r.r2, r.r3, r.r4, r.r5],
      },
      transfersAll: r.transfers_all,
      waitsMs,
      overTargetIds: ids(r.over_target_ids),
      overStandardIds: ids(r.over_standard_ids),
    };
  });
  // Each path is a JSON array: the pair's list of them, bracketed, is a JSON array of paths.
  const transferred = rows.flatMap((r) => (r.transfer_paths ? (JSON.parse(`[${r.transfer_paths}]`) as NonNullable<MetricTicket['transferPath']>[]) : []));
  return metricsFromTallies({
    ...rollUp(tallies),
    transferred: transferred.map((transferPath) => ({ transfers: transferPath.length, transferPath })),
    ...(intervals ? { intervals } : {}),
    rules,
    now: input.now,
  });
}
