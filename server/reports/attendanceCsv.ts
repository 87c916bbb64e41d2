/**
 * A month's attendance as CSV (考勤月报): one row per staffer, then one per window. UTF-8 with a
 * byte-order mark so spreadsheet programs read the Chinese headers. Pure.
 */
import type { AttendancePeriod } from '../domain/attendance/period.js';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const line = (values: unknown[]) => values.map(cell).join(',');

export function attendanceCsv(period: AttendancePeriod, names: ReadonlyMap<string, string>): string {
  const rows: string[] = [];
  rows.push(line(['工号 staff', '姓名 name', '应出勤半天 scheduled half-days', '出勤天数 days present', '公差/培训/会议/外出 on-duty half-days', '迟到次数 late', '迟到分钟 late min', '早退次数 early', '早退分钟 early min', '缺卡 missed punches', '旷工半天 absence half-days', '旷工全天 full-day absences', '请假(天) leave days', '离岗次数 away', '离岗分钟 away min', '未报备离岗 unreported away', '顶岗分钟 cover min', '非本岗分钟 off-roster min', '空岗(A岗) kongang min', '休息日工作分钟 rest-day min']));
  for (const s of period.staff) {
    const leaveDays = Object.entries(s.leave).map(([t, v]) => `${t}:${v!.days}`).join(' ');
    rows.push(line([s.staffId, names.get(s.staffId) ?? '', s.scheduledSessions, s.daysPresent, s.onDutySessions, s.late.count, s.late.minutes, s.early.count, s.early.minutes, s.missedPunches, s.absenceHalfDays, s.fullDayAbsences, leaveDays, s.away.count, s.away.minutes, s.unreportedAway.count, s.coverMinutes, s.offRosterMinutes, s.kongangAsA.minutes, s.restDayMinutes]));
  }
  rows.push('');
  rows.push(line(['窗口 window', '服务分钟 service min', '在岗分钟 covered min', '未覆盖分钟 uncovered min', '在岗覆盖率 coverage rate', '空岗次数 kongang', '空岗分钟 kongang min', '顶岗分钟 cover min', 'AB同时离岗次数 both away', 'AB同时离岗分钟 both away min', '非本岗分钟 off-roster min']));
  for (const w of period.windows) {
    rows.push(line([w.windowId, w.serviceMinutes, w.coveredMinutes, w.uncoveredMinutes, w.coverageRate, w.kongang.count, w.kongang.minutes, w.coverMinutes, w.bothAway.count, w.bothAway.minutes, w.offRosterMinutes]));
  }
  if (period.unknownYears.length) rows.push('', line([`注意: ${period.unknownYears.join(', ')} 年无国务院节假日数据, 按工作日规则计算 (no national holiday data for these years)`]));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
