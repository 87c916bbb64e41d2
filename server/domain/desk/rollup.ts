/**
 * Roll-ups of the halls under a hall (the desk's 下辖大厅): today's figures of a hall from its desk
 * snapshot, its month's from a frozen evaluation, and one ranking that puts the staff of county,
 * town and village halls side by side. Pure.
 */
import type { MonthEvaluation } from '../evaluation/result.js';
import type { DeskToday } from './today.js';
import { byCodeUnits } from '../order.js';

export interface TodayRollup {
  /** Tickets waiting now. */
  waiting: number;
  /** Tickets finished today (done, not missed or cancelled). */
  served: number;
  /** Alerts raised and not resolved. */
  openAlerts: number;
}

/** `hall`: the hall's snapshot (only its waiting tickets are counted). */
export function todayRollup(hall: { waiting: readonly unknown[] }, today: DeskToday): TodayRollup {
  let served = 0;
  for (const f of Object.values(today.facts)) if (f.status === 'done') served++;
  return { waiting: hall.waiting.length, served, openAlerts: today.alerts.filter((a) => a.resolvedAt === undefined).length };
}

export interface MonthRollup {
  month: string;
  /** The hall's 满意率 in the month (null: nobody rated). */
  satisfaction: number | null;
  /** The mean of the staff's totals (null: nobody evaluated). */
  averageScore: number | null;
  staffCount: number;
}

export function monthRollup(e: MonthEvaluation): MonthRollup {
  const totals = e.staff.map((s) => s.total);
  const averageScore = totals.length ? Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100 : null;
  return { month: e.month, satisfaction: e.hall?.satisfaction ?? null, averageScore, staffCount: totals.length };
}

export interface CrossRankRow {
  rank: number;
  hallId: string;
  staffId: string;
  name: string;
  total: number;
  grade: string;
  /** The staffer's rank within their own hall. */
  hallRank: number;
  month: string;
}

/**
 * Every staffer of the given months in one list, highest total first; equal totals share a rank
 * (1, 1, 3) and are listed by hall then 工号 so the order is stable.
 */
export function crossRanking(months: readonly MonthEvaluation[]): CrossRankRow[] {
  const rows = months.flatMap((e) => e.staff.map((s) => ({ hallId: e.hallId, staffId: s.staffId, name: s.name, total: s.total, grade: s.grade, hallRank: s.rank, month: e.month })));
  rows.sort((a, b) => b.total - a.total || byCodeUnits(a.hallId, b.hallId) || byCodeUnits(a.staffId, b.staffId));
  return rows.map((r, i) => ({ ...r, rank: i > 0 && rows[i - 1]!.total === r.total ? rows.findIndex((x) => x.total === r.total) + 1 : i + 1 }));
}
