/**
 * A day's or a month's attendance as an .xlsx workbook (考勤报表), beside the CSV: the same records,
 * one sheet per kind — staff totals, window totals, each staffer's days, each window's days —
 * with Chinese headers, numbers as numbers (minutes, counts, days), the coverage rate as a
 * percentage and dates as dates, so a manager can sum, sort and filter without reformatting.
 * No I/O: it returns the file's bytes.
 */
import type ExcelJS from 'exceljs';
import { leaveTypes, type LeaveType } from '../attendanceConfig.js';
import type { DayKind } from '../domain/calendar/calendar.js';
import type { AttendancePeriod } from '../domain/attendance/period.js';
import type { SessionRecord } from '../domain/attendance/staffDay.js';
import { asDate, sheet, type Column } from './xlsxSheet.js';

const leaveTypeNames: Record<LeaveType, string> = {
  personal: '事假', sick: '病假', annual: '年休假', comp_off: '调休', marriage: '婚假', maternity: '产假',
  paternity: '陪产假', bereavement: '丧假', business_trip: '公差', training: '培训', meeting: '会议', errand: '外出办事',
};
const awayReasons = ['meeting', 'training', 'errand', 'meal', 'other'] as const;
const awayReasonNames: Record<(typeof awayReasons)[number], string> = { meeting: '会议', training: '培训', errand: '外出办事', meal: '就餐', other: '其他' };
const sessionNames: Record<SessionRecord['name'], string> = { am: '上午', pm: '下午', day: '全天' };
const statusNames: Record<SessionRecord['status'], string> = {
  present: '出勤', on_duty: '公务', leave: '请假', absent: '旷工', open: '未结束', unscheduled: '无排班',
};
const dayKindNames: Record<DayKind, string> = { workday: '工作日', rest: '休息日', holiday: '节假日', makeup: '调休上班', hall_open: '中心开放日', hall_closed: '中心闭馆' };

export interface XlsxNames {
  staff: ReadonlyMap<string, string>;
  /** Window id → "3 号窗口 社保医保" or the like. */
  windows: ReadonlyMap<string, string>;
}

export async function attendanceXlsx(period: AttendancePeriod, names: XlsxNames): Promise<Buffer> {
  // Loaded on the first spreadsheet, not at start: ~20 MB and a second of a hub's start for a
  // monthly download (the reconnect storm after a restart waits for the hub to listen).
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = '一窗 YiChuang';
  const span = period.from === period.to ? period.from : `${period.from} 至 ${period.to}`;
  const warn = period.unknownYears.length ? `  注意: ${period.unknownYears.join('、')} 年无国务院节假日数据, 按工作日规则计算` : '';
  const staffName = (id: string) => names.staff.get(id) ?? '';
  const windowName = (id: string) => names.windows.get(id) ?? '';
  const usedLeave = leaveTypes.filter((t) => period.staff.some((s) => s.leave[t]));

  type S = AttendancePeriod['staff'][number];
  sheet<S>(book, '人员考勤', `人员考勤汇总 ${span}${warn}`, [
    { header: '工号', width: 10, kind: 'text', value: (s) => s.staffId },
    { header: '姓名', width: 10, kind: 'text', value: (s) => staffName(s.staffId) },
    { header: '工作日数', width: 8, kind: 'int', value: (s) => s.workingDays },
    { header: '应出勤半天', width: 8, kind: 'int', value: (s) => s.scheduledSessions },
    { header: '出勤天数', width: 8, kind: 'days', value: (s) => s.daysPresent },
    { header: '公务半天', width: 8, kind: 'int', value: (s) => s.onDutySessions },
    { header: '迟到次数', width: 8, kind: 'int', value: (s) => s.late.count },
    { header: '迟到分钟', width: 8, kind: 'minutes', value: (s) => s.late.minutes },
    { header: '早退次数', width: 8, kind: 'int', value: (s) => s.early.count },
    { header: '早退分钟', width: 8, kind: 'minutes', value: (s) => s.early.minutes },
    { header: '缺卡次数', width: 8, kind: 'int', value: (s) => s.missedPunches },
    { header: '旷工半天', width: 8, kind: 'int', value: (s) => s.absenceHalfDays },
    { header: '旷工全天', width: 8, kind: 'int', value: (s) => s.fullDayAbsences },
    ...usedLeave.map((t): Column<S> => ({ header: `${leaveTypeNames[t]}(天)`, width: 8, kind: 'days', value: (s) => s.leave[t]?.days ?? 0 })),
    { header: '离岗次数', width: 8, kind: 'int', value: (s) => s.away.count },
    { header: '离岗分钟', width: 8, kind: 'minutes', value: (s) => s.away.minutes },
    ...awayReasons.map((r): Column<S> => ({ header: `离岗·${awayReasonNames[r]}(分钟)`, width: 10, kind: 'minutes', value: (s) => s.away.byReason[r]?.minutes ?? 0 })),
    { header: '未报备离岗次数', width: 10, kind: 'int', value: (s) => s.unreportedAway.count },
    { header: '顶岗分钟', width: 8, kind: 'minutes', value: (s) => s.coverMinutes },
    { header: '非本岗分钟', width: 8, kind: 'minutes', value: (s) => s.offRosterMinutes },
    { header: 'A岗空岗分钟', width: 9, kind: 'minutes', value: (s) => s.kongangAsA.minutes },
    { header: '休息日工作分钟', width: 10, kind: 'minutes', value: (s) => s.restDayMinutes },
  ], period.staff);

  type W = AttendancePeriod['windows'][number];
  sheet<W>(book, '窗口覆盖', `窗口在岗覆盖汇总 ${span}${warn}`, [
    { header: '窗口', width: 10, kind: 'text', value: (w) => w.windowId },
    { header: '名称', width: 16, kind: 'text', value: (w) => windowName(w.windowId) },
    { header: '服务分钟', width: 9, kind: 'minutes', value: (w) => w.serviceMinutes },
    { header: '在岗分钟', width: 9, kind: 'minutes', value: (w) => w.coveredMinutes },
    { header: '未覆盖分钟', width: 9, kind: 'minutes', value: (w) => w.uncoveredMinutes },
    { header: '在岗覆盖率', width: 9, kind: 'rate', value: (w) => w.coverageRate },
    { header: '空岗次数', width: 8, kind: 'int', value: (w) => w.kongang.count },
    { header: '空岗分钟', width: 8, kind: 'minutes', value: (w) => w.kongang.minutes },
    { header: '顶岗分钟', width: 8, kind: 'minutes', value: (w) => w.coverMinutes },
    { header: 'AB同时离岗次数', width: 10, kind: 'int', value: (w) => w.bothAway.count },
    { header: 'AB同时离岗分钟', width: 10, kind: 'minutes', value: (w) => w.bothAway.minutes },
    { header: '非本岗分钟', width: 9, kind: 'minutes', value: (w) => w.offRosterMinutes },
  ], period.windows);

  type SD = AttendancePeriod['days'][number]['staff'][number] & { kind: string };
  const session = (d: SD, i: number) => {
    const s = d.sessions[i];
    if (!s) return null;
    const extra = s.lateMinutes ? ` 迟到${s.lateMinutes}分` : s.earlyMinutes ? ` 早退${s.earlyMinutes}分` : '';
    const leave = s.leaveType ? `·${leaveTypeNames[s.leaveType]}` : '';
    return `${sessionNames[s.name]}${statusNames[s.status]}${leave}${extra}${s.missedPunch ? ' 缺卡' : ''}`;
  };
  const staffDays: SD[] = period.days.flatMap((d) => d.staff.map((s) => ({ ...s, kind: dayKindNames[d.calendar.kind] })));
  sheet<SD>(book, '人员每日', `人员每日考勤 ${span}`, [
    { header: '日期', width: 13, kind: 'date', value: (d) => asDate(d.date) },
    { header: '工号', width: 10, kind: 'text', value: (d) => d.staffId },
    { header: '姓名', width: 10, kind: 'text', value: (d) => staffName(d.staffId) },
    { header: '日类型', width: 10, kind: 'text', value: (d) => d.kind },
    { header: '第一时段', width: 22, kind: 'text', value: (d) => session(d, 0) },
    { header: '第二时段', width: 22, kind: 'text', value: (d) => session(d, 1) },
    { header: '迟到分钟', width: 8, kind: 'minutes', value: (d) => d.late.minutes },
    { header: '早退分钟', width: 8, kind: 'minutes', value: (d) => d.early.minutes },
    { header: '缺卡次数', width: 8, kind: 'int', value: (d) => d.missedPunches },
    { header: '旷工半天', width: 8, kind: 'int', value: (d) => d.absenceHalfDays },
    { header: '请假(天)', width: 8, kind: 'days', value: (d) => Math.round(Object.values(d.leave).reduce((a, v) => a + (v?.days ?? 0), 0) * 100) / 100 },
    { header: '离岗分钟', width: 8, kind: 'minutes', value: (d) => d.away.minutes },
    { header: '顶岗分钟', width: 8, kind: 'minutes', value: (d) => d.coverMinutes },
    { header: '非本岗分钟', width: 9, kind: 'minutes', value: (d) => d.offRosterMinutes },
    { header: '休息日工作分钟', width: 10, kind: 'minutes', value: (d) => d.restDayMinutes },
  ], staffDays);

  type WD = AttendancePeriod['days'][number]['windows'][number];
  sheet<WD>(book, '窗口每日', `窗口每日覆盖 ${span}`, [
    { header: '日期', width: 13, kind: 'date', value: (w) => asDate(w.date) },
    { header: '窗口', width: 10, kind: 'text', value: (w) => w.windowId },
    { header: '名称', width: 16, kind: 'text', value: (w) => windowName(w.windowId) },
    { header: '服务分钟', width: 9, kind: 'minutes', value: (w) => w.serviceMinutes },
    { header: '在岗分钟', width: 9, kind: 'minutes', value: (w) => w.coveredMinutes },
    { header: '在岗覆盖率', width: 9, kind: 'rate', value: (w) => w.coverageRate },
    { header: '空岗分钟', width: 8, kind: 'minutes', value: (w) => w.kongang.minutes },
    { header: '顶岗分钟', width: 8, kind: 'minutes', value: (w) => w.coverMinutes },
    { header: 'AB同时离岗分钟', width: 10, kind: 'minutes', value: (w) => w.bothAway.minutes },
    { header: '非本岗人员', width: 12, kind: 'text', value: (w) => w.offRoster.staff.map(staffName).join('、') || null },
  ], period.days.flatMap((d) => d.windows));

  return Buffer.from(await book.xlsx.writeBuffer());
}
