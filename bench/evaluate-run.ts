/**
 * The body of `npm run bench:evaluate` (bench/evaluate.ts), run compiled with plain node and
 * production's node flags, as the month-end job runs in the hub. What it measures: see
 * bench/evaluate.ts.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseConfig, type HallConfig } from '../server/config.js';
import { attendancePeriod } from '../server/domain/attendance/period.js';
import { datesOfMonth, HallCalendar } from '../server/domain/calendar/calendar.js';
import type { EvaluationRecords } from '../server/domain/evaluation/records.js';
import { evaluateMonth } from '../server/domain/evaluation/score.js';
import type { DutyInterval } from '../server/domain/facts.js';
import { epochOfLocal } from '../server/domain/time.js';
import { bulkWrite } from '../server/store/archive/bulk.js';
import { sqliteHandle, type OpenArchive } from '../server/store/archive/database.js';
import { archivedIntervals } from '../server/store/archive/monthFacts.js';
import { monthMetrics } from '../server/store/archive/monthMetrics.js';
import { intervalToRow, type FactRow, type IntervalRow } from '../server/store/archive/rows.js';
import { testArchive } from '../tests/helpers/archive.js';
import { EVALUATION_CONCURRENCY } from '../server/jobs/evaluationQueue.js';
import { table } from './lib/report.js';

const { values: args } = parseArgs({
  options: {
    halls: { type: 'string', default: '100' },
    tickets: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const HALLS = Number(args.halls);
const TICKETS = Number(args.tickets);
const ROUNDS = Number(args.rounds);
const kinds = (['sqlite', 'postgres'] as const).filter((k) => !args.only || args.only === k);
const MONTH = '2026-11';
const TZ = 'Asia/Shanghai';
const WINDOWS = 10;
const SERVICES = ['social', 'tax', 'estate'] as const;
const GOAL_SECONDS = 2;
const GOAL_RATIO = 3;

// A seeded generator: the same city every run.
let seed = 20261101;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function hallConfig(i: number): HallConfig {
  const id = `city${String(i).padStart(3, '0')}`;
  return parseConfig({
    halls: [{
      id, name: `第${i}便民服务中心`, level: 'county',
      schedule: { open: '08:30', close: '17:30', lunch: ['12:00', '13:30'] },
      rules: { waitTargetMinutes: 15 },
      services: [
        { id: 'social', name: '社保', prefix: 'A', standardMinutes: 10 },
        { id: 'tax', name: '税务', prefix: 'B', standardMinutes: 15 },
        { id: 'estate', name: '不动产', prefix: 'C', standardMinutes: 20 },
      ],
      windows: Array.from({ length: WINDOWS }, (_, w) => ({ number: w + 1, name: `窗口${w + 1}`, tiers: [[SERVICES[w % 3]!]] })),
      staff: Array.from({ length: WINDOWS * 2 }, (_, s) => ({ id: `${id}_s${s}`, name: `员工${s}`, posts: [{ window: Math.floor(s / 2) + 1, post: s % 2 === 0 ? 'A' : 'B' }] })),
    }],
  }).halls[0]!;
}

const halls = Array.from({ length: HALLS }, (_, i) => hallConfig(i + 1));
const calendar = new HallCalendar(halls[0]!.schedule);
const workdays = datesOfMonth(MONTH).filter((d) => calendar.day(d).working);
const compact = (d: string) => d.replaceAll('-', '');
const MIN = 60_000;

/** Tickets written that were called: the evaluation must have counted each. */
let calledWritten = 0;

/** A hall's month of facts: tickets spread over the working days' hours, most served, some rated. */
function factRows(hall: HallConfig): FactRow[] {
  const rows: FactRow[] = [];
  const perDay = Math.ceil(TICKETS / workdays.length);
  const seqs = new Map<string, number>();
  for (let n = 0; n < TICKETS; n++) {
    const date = workdays[Math.floor(n / perDay)]!;
    const w = Math.floor(random() * WINDOWS);
    const service = SERVICES[w % 3]!;
    const staff = `${hall.id}_s${w * 2 + (random() < 0.85 ? 0 : 1)}`;
    const key = `${date}${service}`;
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    const number = `${hall.services.find((s) => s.id === service)!.prefix}${String(seq).padStart(3, '0')}`;
    const issuedAt = epochOfLocal(date, pick(['08:40', '09:10', '09:45', '10:20', '11:05', '13:40', '14:15', '15:00', '15:50', '16:30']), TZ) + Math.floor(random() * 30 * MIN);
    const r = random();
    const status = r < 0.05 ? 'cancelled' : r < 0.08 ? 'missed' : 'done';
    const called = status !== 'cancelled';
    if (called) calledWritten += 1;
    const wait = called ? Math.floor(-Math.log(1 - random()) * 7 * MIN) : 0;
    const calledAt = issuedAt + wait;
    const handling = status === 'done' ? Math.floor((4 + random() * 16) * MIN) : 0;
    const rating = status === 'done' && random() < 0.7 ? pick([5, 5, 5, 5, 4, 4, 3, 2, 1]) : null;
    const ticketId = `${hall.id}-${compact(date)}-${number}`;
    rows.push({
      hall_id: hall.id, ticket_id: ticketId, day: compact(date), number, service_at_issue: service, service, priority: 'normal', channel: 'kiosk', status,
      outcome: status === 'done' ? 'completed' : null, issued_at: issuedAt,
      first_called_at: called ? calledAt : null, last_called_at: called ? calledAt : null, started_at: status === 'done' ? calledAt : null,
      finished_at: status === 'done' ? calledAt + handling : status === 'missed' ? calledAt + MIN : issuedAt + 60 * MIN, cancelled_at: status === 'cancelled' ? issuedAt + 60 * MIN : null,
      cancel_reason: status === 'cancelled' ? 'citizen' : null, wait_seconds: called ? wait / 1000 : null, handling_seconds: status === 'done' ? handling / 1000 : null,
      window_id: called ? `${hall.id}-${w + 1}` : null, window_number: called ? w + 1 : null, staff_id: called ? staff : null, first_responder: called ? staff : null,
      recalls: 0, no_shows: status === 'missed' ? 1 : 0, transfers: 0, transfer_path: '[]',
      rating_level: rating, rating_reasons: rating !== null && rating <= 2 ? JSON.stringify(['等候时间长']) : null, rating_comment: null, rating_channel: rating !== null ? 'pad' : null,
      rated_at: rating !== null ? calledAt + handling + MIN : null, queued_at: null,
      track_token: 't'.repeat(22), rate_token: rating !== null ? null : 'r'.repeat(22), last_event_id: n * 5 + 5,
    });
  }
  return rows;
}

/** A hall's duty intervals: every staffer signed in each working day, a few late, a few away. */
function intervalRows(hall: HallConfig): IntervalRow[] {
  const out: IntervalRow[] = [];
  let ev = 0;
  for (const date of workdays) {
    for (const s of hall.staff) {
      const windowId = `${hall.id}-${s.posts[0]!.window}`;
      const post = s.posts[0]!.post;
      ev += 2;
      const late = random() < 0.03 ? Math.floor(random() * 25) : -5;
      const i: DutyInterval = { id: `${windowId}:duty:${s.id}:${ev}`, kind: 'duty', staffId: s.id, windowId, post, startAt: epochOfLocal(date, '08:30', TZ) + late * MIN, startEvent: ev, endAt: epochOfLocal(date, '17:35', TZ), endEvent: ev + 1, endCause: 'staff.signedOut', day: compact(date) };
      out.push(intervalToRow(hall.id, i));
      if (random() < 0.05) {
        const from = epochOfLocal(date, '10:00', TZ);
        out.push(intervalToRow(hall.id, { id: `${windowId}:away:${s.id}:${ev}`, kind: 'away', staffId: s.id, windowId, post, reason: pick(['meeting', 'meal', 'other']), startAt: from, startEvent: ev, endAt: from + Math.floor(random() * 40) * MIN, endEvent: ev + 1, endCause: 'staff.back', day: compact(date) }));
      }
    }
  }
  return out;
}

const noRecords: EvaluationRecords = { cases: [], findings: [], complaints: [], commendations: [] };

async function fill(archive: OpenArchive): Promise<number> {
  const t0 = performance.now();
  const handle = sqliteHandle(archive.db);
  for (const hall of halls) {
    const facts = factRows(hall);
    const intervals = intervalRows(hall);
    await archive.db.transaction().execute(async (trx) => {
      for (let i = 0; i < facts.length; i += 2000) await bulkWrite(trx, { table: 'ticket_facts', rows: facts.slice(i, i + 2000), key: ['hall_id', 'ticket_id'], onConflict: 'nothing' }, handle);
      await bulkWrite(trx, { table: 'duty_intervals', rows: intervals, key: ['hall_id', 'interval_id'], onConflict: 'nothing' }, handle);
    });
  }
  if (archive.kind === 'postgres') await sql`analyze`.execute(archive.db);
  else handle!.exec('analyze');
  return (performance.now() - t0) / 1000;
}

interface Timing { total: number; load: number; attendance: number; evaluate: number; cpu: number; staff: number; called: number }

async function evaluation(archive: OpenArchive): Promise<Timing> {
  const dates = datesOfMonth(MONTH);
  const from = epochOfLocal(dates[0]!, '00:00', TZ);
  const to = epochOfLocal('2026-12-01', '00:00', TZ);
  const t: Timing = { total: 0, load: 0, attendance: 0, evaluate: 0, cpu: 0, staff: 0, called: 0 };
  // The intervals and the month's metrics read side by side (staffed time waits for the intervals).
  const load = async (hall: HallConfig) => {
    const intervals = archivedIntervals(archive.db, hall.id, from, to);
    const metrics = await monthMetrics(archive.db, { hall, fromDay: compact(dates[0]!), toDay: compact(dates.at(-1)!), intervals, now: to });
    return [metrics, await intervals] as const;
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // As the month-end job: EVALUATION_CONCURRENCY halls at once, one scored while the others are read.
  const AHEAD = EVALUATION_CONCURRENCY - 1;
  const pending = halls.slice(0, AHEAD).map(load);
  for (let h = 0; h < halls.length; h++) {
    const hall = halls[h]!;
    const a = performance.now();
    const [metrics, intervals] = await pending[h]!;
    if (h + AHEAD < halls.length) pending.push(load(halls[h + AHEAD]!));
    const b = performance.now();
    const period = attendancePeriod({ hall, intervals, requests: [], now: to }, dates);
    const c = performance.now();
    const result = evaluateMonth({ hall, month: MONTH, metrics, attendance: period, records: noRecords, now: to });
    const d = performance.now();
    t.load += b - a;
    t.attendance += c - b;
    t.evaluate += d - c;
    t.staff += result.staff.length;
    t.called += metrics.hall.called ?? 0;
  }
  t.total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  t.cpu = (cpu.user + cpu.system) / 1000;
  return t;
}

async function floor(archive: OpenArchive): Promise<{ ms: number; groups: number; tickets: number }> {
  const t0 = performance.now();
  const { rows } = await sql<{ n: number }>`
    select hall_id, staff_id, count(*) as n, avg(wait_seconds) as wait, avg(handling_seconds) as handling,
      sum(case when rating_level >= 3 then 1 else 0 end) as satisfied, count(rating_level) as rated
    from ticket_facts where day >= ${compact(MONTH + '-01')} and day <= ${compact(MONTH + '-30')}
    group by hall_id, staff_id`.execute(archive.db);
  return { ms: performance.now() - t0, groups: rows.length, tickets: rows.reduce((s, r) => s + Number(r.n), 0) };
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const results: (string | number)[][] = [];
let ok = true;
for (const kind of kinds) {
  seed = 20261101;
  calledWritten = 0;
  const archive = await testArchive(kind, 'bench_evaluate');
  try {
    console.log(`${kind}: writing ${(HALLS * TICKETS).toLocaleString('en')} ticket facts of ${HALLS} halls …`);
    const filled = await fill(archive);
    console.log(`${kind}: written in ${filled.toFixed(1)} s; measuring, ${ROUNDS} rounds`);
    let best: Timing | undefined;
    let bestFloor: { ms: number; groups: number; tickets: number } | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      const f = await floor(archive);
      const e = await evaluation(archive);
      console.log(`  round ${r + 1}: evaluation ${seconds(e.total)} s, CPU of this process ${seconds(e.cpu)} s (waiting for SQL ${seconds(e.load)}, attendance ${seconds(e.attendance)}, evaluateMonth ${seconds(e.evaluate)}), floor ${seconds(f.ms)} s`);
      if (!best || e.total < best.total) best = e;
      if (!bestFloor || f.ms < bestFloor.ms) bestFloor = f;
    }
    if (best!.called !== calledWritten || bestFloor!.tickets !== HALLS * TICKETS) {
      console.error(`${kind}: the evaluation counted ${best!.called} called tickets of ${calledWritten}, the floor ${bestFloor!.tickets} tickets of ${HALLS * TICKETS}`);
      ok = false;
    }
    const ratio = best!.total / bestFloor!.ms;
    const met = best!.total / 1000 <= GOAL_SECONDS && ratio <= GOAL_RATIO;
    results.push([kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', (HALLS * TICKETS).toLocaleString('en'), best!.staff, seconds(best!.total), seconds(best!.cpu), seconds(best!.load), seconds(best!.attendance), seconds(best!.evaluate), seconds(bestFloor!.ms), ratio.toFixed(2), met ? 'met' : 'MISSED']);
  } finally {
    await archive.cleanup();
  }
}
console.log('');
console.log(table(['archive', 'tickets', 'staff', 'evaluation s', 'CPU s', 'waiting for SQL s', 'attendance s', 'evaluateMonth s', 'floor s (GROUP BY hall, staff)', '÷ floor', `goal ≤ ${GOAL_SECONDS} s, ≤ ${GOAL_RATIO}×`], results));
console.log(`\nbest of ${ROUNDS} rounds each; ${HALLS} halls × ${TICKETS.toLocaleString('en')} tickets, ${WINDOWS} windows and ${WINDOWS * 2} staff a hall, month ${MONTH}`);
if (!ok) process.exitCode = 1;
