/**
 * Deductions and vetoes from a staffer's attendance in the month (考勤纪律), read from the
 * attendance period's day records so every item names its day (`attendance` ref `<staffId>:<date>`,
 * or `<windowId>:<date>` for 空岗). Rules and sources: server/evaluationConfig.ts. Pure.
 *
 * - a late or an early leave: −1 up to 10 minutes, −3 beyond (past attendance's half-day line
 *   the session is 旷工 instead, never both);
 * - a missed punch −2, unless its half-day already counts as 旷工 (S1: the missing punch is what
 *   makes it 旷工; it is not also fined);
 * - 旷工 −5 per half-day; unreported away −3 each; 空岗 at the window where they are the A post −2;
 * - leave of the quota's types past the quota, −1 per day beyond;
 * - vetoes: ≥ 1 day of 旷工 (half-days as halves), ≥ 5 lates and early leaves.
 */
import type { EvaluationRules } from '../../evaluationConfig.js';
import type { AttendancePeriod } from '../attendance/period.js';
import type { Roster } from '../attendance/staffDay.js';
import type { RecordRef } from './records.js';
import type { ScoreItem } from './result.js';

const dayRef = (subject: string, date: string): RecordRef => ({ kind: 'attendance', id: `${subject}:${date}` });
const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface AttendanceFacts {
  items: ScoreItem[];
  /** Half-days of 旷工 in the month. */
  absenceHalfDays: number;
}

export function attendanceItems(staffId: string, period: AttendancePeriod, roster: Roster, sessionsPerDay: number, rules: EvaluationRules): AttendanceFacts {
  const d = rules.deductions.attendance;
  const items: ScoreItem[] = [];
  const item = (rule: string, points: number, refs: RecordRef[], veto = false): void => {
    items.push({ category: 'attendance_discipline', rule, points: points === 0 ? 0 : -points, veto, refs });
  };
  let lateOrEarly = 0;
  let absenceHalfDays = 0;
  const lateRefs: RecordRef[] = [];
  const absenceRefs: RecordRef[] = [];
  const aWindows = [...roster].filter(([, posts]) => posts.A === staffId).map(([w]) => w);

  for (const day of period.days) {
    const ref = dayRef(staffId, day.date);
    const s = day.staff.find((x) => x.staffId === staffId);
    if (s) {
      for (const session of s.sessions) {
        for (const minutes of [session.lateMinutes, session.earlyMinutes]) {
          if (minutes === undefined || minutes <= 0) continue;
          lateOrEarly += 1;
          lateRefs.push(ref);
          if (minutes <= d.lateOrEarlyBandMinutes) item('late_or_early_le_10min', d.lateOrEarlyUpTo10Min, [ref]);
          else item('late_or_early_10_to_30min', d.lateOrEarlyOver10Min, [ref]);
        }
        if (session.status === 'absent') {
          absenceHalfDays += 1;
          absenceRefs.push(ref);
          item('absence_half_day', d.absenceHalfDay, [ref]);
        } else if (session.missedPunch) item('missed_punch', d.missedPunch, [ref]);
      }
      for (let i = 0; i < s.unreportedAway.count; i++) item('unreported_away_ge_15min', d.unreportedAway, [ref]);
    }
    for (const w of day.windows) {
      if (!aWindows.includes(w.windowId)) continue;
      for (let i = 0; i < w.kongang.count; i++) item('uncovered_window_kongang', d.kongang, [dayRef(w.windowId, day.date)]);
    }
  }

  // Leave past the monthly quota (S3), counted over the quota's types; the days that used it are the refs.
  const totals = period.staff.find((t) => t.staffId === staffId);
  if (totals) {
    const used = d.leaveQuotaTypes.reduce((sum, type) => sum + (totals.leave[type]?.days ?? 0), 0);
    const over = round2(used - d.leaveQuotaDays);
    if (over > 0) {
      const refs = period.days
        .filter((day) => day.staff.some((x) => x.staffId === staffId && d.leaveQuotaTypes.some((type) => (x.leave[type]?.days ?? 0) > 0)))
        .map((day) => dayRef(staffId, day.date));
      item('leave_over_monthly_quota', round2(over * d.leaveOverQuotaPerDay), refs);
    }
  }

  const v = rules.veto;
  if (v.absenceDays > 0 && absenceHalfDays / sessionsPerDay >= v.absenceDays) item('veto_absence_days', 0, absenceRefs, true);
  if (v.lateOrEarlyCount > 0 && lateOrEarly >= v.lateOrEarlyCount) item('veto_late_or_early_count', 0, lateRefs, true);
  return { items, absenceHalfDays };
}
