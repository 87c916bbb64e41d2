/**
 * A simulated month (October 2026) through the real engine with an injected clock: staff sign in,
 * step away and sign out by the commands, the closing sweep, the sign-out window's end (18:30)
 * and the rollover run every day, and
 * the month's attendance is computed from the duty intervals folded from the events — plus leave
 * and one 补签, approved. Every expected figure below was worked out by hand from the story in
 * the comments (session = 08:30–12:00 (210 min) and 13:30–17:30 (240 min); a day = 450 min).
 *
 * October 2026: 1–7 国庆 (1, 2, 5, 6, 7 are weekdays off), 10 (Saturday) is a 调休 working day.
 * Working days: 8, 9, 10, 12–16, 19–23, 26–30 = 18; service minutes per window 18 × 450 = 8100.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaveType } from '../../server/attendanceConfig.js';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { signOutDay } from '../../server/commands/signOutDay.js';
import { sweepDay } from '../../server/commands/sweepDay.js';
import { markAway } from '../../server/commands/markAway.js';
import { markBack } from '../../server/commands/markBack.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { parseConfig } from '../../server/config.js';
import { datesOfMonth } from '../../server/domain/calendar/calendar.js';
import { attendanceXlsx } from '../../server/reports/attendanceXlsx.js';
import { attendancePeriod, type AttendancePeriod } from '../../server/domain/attendance/period.js';
import type { LeaveRecord } from '../../server/domain/attendance/leave.js';
import type { Punch } from '../../server/domain/attendance/sessions.js';
import { dutyIntervals } from '../../server/domain/facts.js';
import { compactDate, epochOfLocal, localTime } from '../../server/domain/time.js';
import type { AwayReason } from '../../server/domain/ticket.js';
import { testHall, type TestHall } from '../helpers/hall.js';

const TZ = 'Asia/Shanghai';
const config = parseConfig({
  halls: [
    {
      id: 'm1', name: '月度考勤测试中心', level: 'town',
      schedule: { open: '08:30', close: '17:30', lunch: ['12:00', '13:30'] },
      attendance: { offRosterAllowed: [2] },
      services: [{ id: 'social', name: '社保', prefix: 'A', standardMinutes: 10 }],
      windows: [
        { number: 1, name: '综合受理一', tiers: [['social']] },
        { number: 2, name: '综合受理二', tiers: [['social']] },
      ],
      staff: [
        { id: 'a1', name: '张伟', posts: [{ window: 1, post: 'A' }] },
        { id: 'b1', name: '李娜', posts: [{ window: 1, post: 'B' }] },
        { id: 'a2', name: '王芳', posts: [{ window: 2, post: 'A' }] },
        { id: 'b2', name: '刘洋', posts: [{ window: 2, post: 'B' }] },
        // Off every roster: window 2 lets such a person act (and flags it).
        { id: 'x', name: '陈静' },
      ],
    },
  ],
});
const W1 = 'm1-1';
const W2 = 'm1-2';
const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, TZ);

type Step = [hhmm: string, action: () => Promise<unknown>];

let h: TestHall;
let month: AttendancePeriod;
const requests: LeaveRecord[] = [];
let nextId = 1;
const leave = (staffId: string, type: LeaveType, date: string, from: string, to: string, toDate = date) =>
  requests.push({ id: `L${nextId++}`, hallId: 'm1', staffId, kind: 'leave', leaveType: type, startAt: at(date, from), endAt: at(toDate, to), reason: '—', status: 'approved', level: 'window_head', requestedBy: staffId, createdAt: 0 });
const correction = (staffId: string, date: string, punch: Punch, hhmm: string) =>
  requests.push({ id: `L${nextId++}`, hallId: 'm1', staffId, kind: 'correction', punch, startAt: at(date, hhmm), endAt: at(date, hhmm), reason: '忘记签退', status: 'approved', level: 'window_head', requestedBy: staffId, createdAt: 0 });

async function ok(p: Promise<{ ok: boolean; reason?: string }>): Promise<void> {
  const r = await p;
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
}
const inA = (s: string, w: string) => () => ok(signIn(h.ctx, { windowId: w, staffId: s, post: 'A' }));
const inB = (s: string, w: string) => () => ok(signIn(h.ctx, { windowId: w, staffId: s, post: 'B' }));
const out = (s: string, w: string) => () => ok(signOut(h.ctx, { windowId: w, staffId: s }));
const away = (s: string, w: string, reason: AwayReason) => () => ok(markAway(h.ctx, { windowId: w, staffId: s, reason }));
const back = (s: string, w: string) => () => ok(markBack(h.ctx, { windowId: w, staffId: s }));

/** Everyone's ordinary day: A then B in at 08:25, B then A out at 17:30. */
function ordinary(skip: string[] = []): Step[] {
  const who = [['a1', W1, 'A'], ['b1', W1, 'B'], ['a2', W2, 'A'], ['b2', W2, 'B']].filter(([s]) => !skip.includes(s!));
  return [
    ...who.map(([s, w, p]): Step => ['08:25', p === 'A' ? inA(s!, w!) : inB(s!, w!)]),
    ...[...who].reverse().map(([s, w]): Step => ['17:30', out(s!, w!)]),
  ];
}

/** Each working day's story; a day not listed is ordinary. Times are when the command runs. */
const story: Record<string, () => Step[]> = {
  // 国庆 holiday: b2 comes in for two hours (rest-day work, not attendance).
  '2026-10-02': () => [['09:00', inB('b2', W2)], ['11:00', out('b2', W2)]],
  // a1 late 10 min (b1 covers 08:30–08:40: 10).
  '2026-10-08': () => ordinary(['a1']).concat([['08:40', inA('a1', W1)], ['17:30', out('a1', W1)]]),
  // a1 leaves 20 min early (b1 covers 17:10–17:30: 20).
  '2026-10-09': () => ordinary(['a1']).concat([['08:25', inA('a1', W1)], ['17:10', out('a1', W1)]]),
  // 调休 Saturday: a2 forgets it — full-day 旷工; b2 covers all 450.
  '2026-10-10': () => ordinary(['a2']),
  // a1 35 min late: ≥ 30, the morning is 旷工 (not a late); b1 covers 08:30–09:05: 35.
  '2026-10-12': () => ordinary(['a1']).concat([['09:05', inA('a1', W1)], ['17:30', out('a1', W1)]]),
  // a1 never signs out: the day's end does — a missed punch, the afternoon 旷工.
  // a2 away on an errand 14:00–15:10 without leave: 70 > 60 min, the afternoon 旷工; b2 covers 70.
  '2026-10-13': () => ordinary(['a1']).concat([['08:25', inA('a1', W1)], ['14:00', away('a2', W2, 'errand')], ['15:10', back('a2', W2)]]),
  // a1 never signs out again, but a 补签 of pm_out at 17:30 is approved: nothing counts.
  // Both away: a2 (meal) 10:00–10:40, b2 (other) 10:10–10:30 → window 2 uncovered 20 min; b2 covers 10:00–10:10 and 10:30–10:40: 20.
  '2026-10-14': () =>
    ordinary(['a1']).concat([
      ['08:25', inA('a1', W1)],
      ['10:00', away('a2', W2, 'meal')], ['10:10', away('b2', W2, 'other')], ['10:30', back('b2', W2)], ['10:40', back('a2', W2)],
    ]),
  // a1 does not come, no leave: full-day 旷工; b1 covers 450.
  '2026-10-15': () => ordinary(['a1']),
  // a1 事假 in the morning, in at 13:25; b1 covers the morning: 210.
  '2026-10-16': () => ordinary(['a1']).concat([['13:25', inA('a1', W1)], ['17:30', out('a1', W1)]]),
  // a1 on 病假, 年休假, 调休, 婚假, 丧假 (b1 covers 450 each day).
  '2026-10-19': () => ordinary(['a1']),
  '2026-10-20': () => ordinary(['a1']),
  '2026-10-21': () => ordinary(['a1']),
  '2026-10-22': () =>
    // b2 on 事假 in the afternoon (out at 12:00); a2 away with no reason 15:00–15:45 → window 2 空岗 45 min.
    ordinary(['a1', 'b2']).concat([['08:25', inB('b2', W2)], ['12:00', out('b2', W2)], ['15:00', away('a2', W2, 'other')], ['15:45', back('a2', W2)]]),
  '2026-10-23': () => ordinary(['a1']),
  // From here b2 is on 产假 all week. a2 on 陪产假; x (off the roster) covers window 2 all day.
  '2026-10-26': () => ordinary(['a2', 'b2']).concat([['08:25', inB('x', W2)], ['17:30', out('x', W2)]]),
  // a2 on 公差 (on duty, present): window 2 empty all day — 空岗 twice (210 + 240). a1 away for a meal 11:00–11:10 (b1 covers 10).
  '2026-10-27': () => ordinary(['a2', 'b2']).concat([['11:00', away('a1', W1, 'meal')], ['11:10', back('a1', W1)]]),
  // a2 培训 in the morning (on duty), in at 13:25 → window 2 空岗 210. a1 away, no reason, 10:00–10:20: a warning (b1 covers 20).
  '2026-10-28': () =>
    ordinary(['a2', 'b2']).concat([['13:25', inA('a2', W2)], ['17:30', out('a2', W2)], ['10:00', away('a1', W1, 'other')], ['10:20', back('a1', W1)]]),
  // a2 at a 会议 09:00–11:00 with approved leave: away but excused; window 2 空岗 120.
  '2026-10-29': () => ordinary(['b2']).concat([['09:00', away('a2', W2, 'meeting')], ['11:00', back('a2', W2)]]),
  // a2 外出办事 in the afternoon with approved leave (on duty), out at 12:00 → window 2 空岗 240.
  '2026-10-30': () => ordinary(['a2', 'b2']).concat([['08:25', inA('a2', W2)], ['12:00', out('a2', W2)]]),
};

leave('a1', 'personal', '2026-10-16', '08:30', '12:00');
leave('a1', 'sick', '2026-10-19', '08:30', '17:30');
leave('a1', 'annual', '2026-10-20', '08:30', '17:30');
leave('a1', 'comp_off', '2026-10-21', '08:30', '17:30');
leave('a1', 'marriage', '2026-10-22', '08:30', '17:30');
leave('a1', 'bereavement', '2026-10-23', '08:30', '17:30');
correction('a1', '2026-10-14', 'pm_out', '17:30');
leave('a2', 'paternity', '2026-10-26', '08:30', '17:30');
leave('a2', 'business_trip', '2026-10-27', '08:30', '17:30');
leave('a2', 'training', '2026-10-28', '08:30', '12:00');
leave('a2', 'meeting', '2026-10-29', '09:00', '11:00');
leave('a2', 'errand', '2026-10-30', '13:30', '17:30');
leave('b2', 'personal', '2026-10-22', '13:30', '17:30');
leave('b2', 'maternity', '2026-10-26', '08:30', '17:30', '2026-10-30');
// Refused and cancelled requests never excuse anything: a1's 10/15 absence stays 旷工.
requests.push({ ...requests[1]!, id: 'refused', startAt: at('2026-10-15', '08:30'), endAt: at('2026-10-15', '17:30'), status: 'refused' });

beforeAll(async () => {
  h = await testHall('attendance-month', config, at('2026-09-30', '23:00'));
  for (const date of datesOfMonth('2026-10')) {
    const weekday = localTime(at(date, '12:00'), TZ).weekday;
    const working = date !== '2026-10-01' && date !== '2026-10-02' && !['2026-10-05', '2026-10-06', '2026-10-07'].includes(date) && (weekday <= 5 || date === '2026-10-10');
    h.at(at(date, '00:00'));
    await ok(rollOverDay(h.ctx, { hallId: 'm1' }));
    const steps = story[date]?.() ?? (working ? ordinary() : []);
    // By time; at the same minute in the order written (A before B in, B before A out).
    const ordered = steps.map((s, i) => ({ s, i })).sort((x, y) => x.s[0].localeCompare(y.s[0]) || x.i - y.i);
    for (const { s: [hhmm, act] } of ordered) {
      h.at(at(date, hhmm));
      await act();
    }
    h.at(at(date, '17:30'));
    await ok(sweepDay(h.ctx, { hallId: 'm1' }));
    h.at(at(date, '18:30')); // the sign-out window's end: whoever is left is signed out
    await ok(signOutDay(h.ctx, { hallId: 'm1' }));
  }
  const events = (await h.ctx.store.eventsAfter('m1', 0, 100_000))!;
  const intervals = dutyIntervals(events, (t) => compactDate(localTime(t, TZ).date));
  month = attendancePeriod({ hall: config.halls[0]!, intervals, requests, now: at('2026-11-02', '09:00') }, datesOfMonth('2026-10'));
});
afterAll(() => h?.cleanup());

const staff = (id: string) => month.staff.find((s) => s.staffId === id)!;
const window = (id: string) => month.windows.find((w) => w.windowId === id)!;

describe('a month of attendance (October 2026, written out by hand)', () => {
  it('counts 18 working days: the 国庆 holidays off, the 调休 Saturday on', () => {
    expect(staff('b1').workingDays).toBe(18);
    expect(month.days.find((d) => d.date === '2026-10-02')!.calendar).toMatchObject({ working: false, kind: 'holiday' });
    expect(month.days.find((d) => d.date === '2026-10-10')!.calendar).toMatchObject({ working: true, kind: 'makeup' });
    expect(month.unknownYears).toEqual([]);
  });

  it('a1: late once, early once, a missed punch, half-day and full-day 旷工, five kinds of leave, away with and without a reason', () => {
    expect(staff('a1')).toMatchObject({
      scheduledSessions: 36,
      // 8, 9, 10, 14: 2 each; 12 pm, 13 am, 16 pm: 1 each; 26–30: 10.
      presentSessions: 21,
      daysPresent: 10.5,
      onDutySessions: 0,
      late: { count: 1, minutes: 10 },
      early: { count: 1, minutes: 20 },
      missedPunches: 1,
      // 12 am (35 min late), 13 pm (missed punch), 15 both.
      absenceHalfDays: 4,
      fullDayAbsences: 1,
      leave: {
        personal: { minutes: 210, days: 0.5 },
        sick: { minutes: 450, days: 1 },
        annual: { minutes: 450, days: 1 },
        comp_off: { minutes: 450, days: 1 },
        marriage: { minutes: 450, days: 1 },
        bereavement: { minutes: 450, days: 1 },
      },
      away: { count: 2, minutes: 30, byReason: { meal: { count: 1, minutes: 10 }, other: { count: 1, minutes: 20 } } },
      unreportedAway: { count: 1, minutes: 20 },
      coverMinutes: 0,
      offRosterMinutes: 0,
      kongangAsA: { count: 0, minutes: 0 },
    });
    const d12 = month.days.find((d) => d.date === '2026-10-12')!.staff.find((s) => s.staffId === 'a1')!;
    expect(d12.sessions).toEqual([{ name: 'am', status: 'absent', absenceCause: 'late' }, { name: 'pm', status: 'present' }]);
    const d13 = month.days.find((d) => d.date === '2026-10-13')!.staff.find((s) => s.staffId === 'a1')!;
    expect(d13.sessions).toEqual([{ name: 'am', status: 'present' }, { name: 'pm', status: 'absent', absenceCause: 'missed_punch', missedPunch: 'pm_out' }]);
  });

  it('a2: 旷工 on the 调休 Saturday, away past 60 min is a half-day, on-duty leave counts as present, the excused meeting is not away', () => {
    expect(staff('a2')).toMatchObject({
      scheduledSessions: 36,
      // 18 days × 2 = 36, minus 10/10 (2), 10/13 pm (1), 10/26 paternity (2).
      presentSessions: 31,
      daysPresent: 15.5,
      // 27 (2), 28 am, 30 pm.
      onDutySessions: 4,
      late: { count: 0, minutes: 0 },
      early: { count: 0, minutes: 0 },
      missedPunches: 0,
      absenceHalfDays: 3,
      fullDayAbsences: 1,
      leave: {
        paternity: { minutes: 450, days: 1 },
        business_trip: { minutes: 450, days: 1 },
        training: { minutes: 210, days: 0.5 },
        // 120 / 210 / 2 = 0.2857…
        meeting: { minutes: 120, days: 0.29 },
        errand: { minutes: 240, days: 0.5 },
      },
      away: { count: 3, minutes: 155, byReason: { errand: { count: 1, minutes: 70 }, meal: { count: 1, minutes: 40 }, other: { count: 1, minutes: 45 } } },
      unreportedAway: { count: 1, minutes: 45 },
      coverMinutes: 0,
      // 10/22 45; 10/27 210 + 240; 10/28 210; 10/29 120; 10/30 240.
      kongangAsA: { count: 6, minutes: 1065 },
    });
  });

  it('b1 covers window 1 whenever A is late, early, away, absent or on leave', () => {
    expect(staff('b1')).toMatchObject({
      presentSessions: 36, absenceHalfDays: 0, late: { count: 0, minutes: 0 }, missedPunches: 0,
      // 10 + 20 + 35 + 450 + 210 + 5 × 450 + 10 + 20
      coverMinutes: 3005,
    });
  });

  it('b2: rest-day work on the holiday, an unreported short away, 事假 and a week of 产假', () => {
    expect(staff('b2')).toMatchObject({
      scheduledSessions: 36,
      // 13 days × 2, minus 10/22 pm.
      presentSessions: 25,
      absenceHalfDays: 0,
      leave: { personal: { minutes: 240, days: 0.5 }, maternity: { minutes: 2250, days: 5 } },
      away: { count: 1, minutes: 20, byReason: { other: { count: 1, minutes: 20 } } },
      unreportedAway: { count: 1, minutes: 20 },
      // 10/10 450, 10/13 70, 10/14 10 + 10.
      coverMinutes: 540,
      restDayMinutes: 120,
    });
  });

  it('x, off the roster, is flagged and never counted absent; window 2 allows them to cover', () => {
    expect(staff('x')).toMatchObject({ scheduledSessions: 0, absenceHalfDays: 0, presentSessions: 0, offRosterMinutes: 450, coverMinutes: 450 });
  });

  it('coverage per window: window 1 always covered, window 2 uncovered 1085 of 8100 minutes', () => {
    expect(window(W1)).toEqual({
      windowId: W1, serviceMinutes: 8100, coveredMinutes: 8100, uncoveredMinutes: 0, coverageRate: 1,
      kongang: { count: 0, minutes: 0 }, coverMinutes: 3005, bothAway: { count: 0, minutes: 0 }, offRosterMinutes: 0,
    });
    expect(window(W2)).toEqual({
      // uncovered: 10/14 20 (both away) + 45 + 450 + 210 + 120 + 240
      windowId: W2, serviceMinutes: 8100, coveredMinutes: 7015, uncoveredMinutes: 1085,
      // 7015 / 8100 = 0.86605…
      coverageRate: 0.866,
      kongang: { count: 6, minutes: 1065 },
      // b2 540 + x 450
      coverMinutes: 990,
      bothAway: { count: 1, minutes: 20 },
      offRosterMinutes: 450,
    });
  });
});

describe('off-roster sign-in', () => {
  it('is refused at a window that does not allow it, and allowed (then flagged) where it does', async () => {
    h.at(at('2026-11-02', '09:00'));
    expect(await signIn(h.ctx, { windowId: W1, staffId: 'x', post: 'B' })).toMatchObject({ ok: false, reason: 'not_your_post' });
    expect(await signIn(h.ctx, { windowId: W2, staffId: 'x', post: 'B' })).toMatchObject({ ok: true });
    await ok(signOut(h.ctx, { windowId: W2, staffId: 'x' }));
  });
});

describe('the month as an xlsx workbook (read back with exceljs)', () => {
  const names = {
    staff: new Map(config.halls[0]!.staff.map((s) => [s.id, s.name])),
    windows: new Map([[W1, '1 号窗口 综合受理一'], [W2, '2 号窗口 综合受理二']]),
  };
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const bytes = await attendanceXlsx(month, names);
    if (process.env.XLSX_OUT) writeFileSync(process.env.XLSX_OUT, bytes); // for a look in LibreOffice
    book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  });
  /** A data row (the title is row 1, the headers row 2) as header → value. */
  const rowOf = (sheet: string, which: (row: Record<string, ExcelJS.CellValue>) => boolean): Record<string, ExcelJS.CellValue> => {
    const ws = book.getWorksheet(sheet)!;
    const headers = (ws.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(String);
    for (let r = 3; r <= ws.rowCount; r++) {
      const values = (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1);
      const row = Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null]));
      if (which(row)) return row;
    }
    throw new Error(`no such row in ${sheet}`);
  };

  it('has one sheet per kind, titled with the period, headers in Chinese', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['人员考勤', '窗口覆盖', '人员每日', '窗口每日']);
    expect(book.getWorksheet('人员考勤')!.getCell('A1').value).toBe('人员考勤汇总 2026-10-01 至 2026-10-31');
    expect(book.getWorksheet('人员考勤')!.getCell('A2').value).toBe('工号');
  });

  it('writes a1’s month as numbers, one column per leave type used and per away reason', () => {
    expect(rowOf('人员考勤', (r) => r.工号 === 'a1')).toMatchObject({
      工号: 'a1', 姓名: '张伟', 工作日数: 18, 应出勤半天: 36, 出勤天数: 10.5, 公务半天: 0,
      迟到次数: 1, 迟到分钟: 10, 早退次数: 1, 早退分钟: 20, 缺卡次数: 1, 旷工半天: 4, 旷工全天: 1,
      '事假(天)': 0.5, '病假(天)': 1, '年休假(天)': 1, '调休(天)': 1, '婚假(天)': 1, '丧假(天)': 1, '产假(天)': 0, '会议(天)': 0,
      离岗次数: 2, 离岗分钟: 30, '离岗·就餐(分钟)': 10, '离岗·其他(分钟)': 20, '离岗·会议(分钟)': 0, 未报备离岗次数: 1,
      顶岗分钟: 0, A岗空岗分钟: 0,
    });
    // a2's 会议 is 120 of 210 morning minutes: 0.29 of a day.
    expect(rowOf('人员考勤', (r) => r.工号 === 'a2')).toMatchObject({ '会议(天)': 0.29, '陪产假(天)': 1, A岗空岗分钟: 1065 });
    expect(rowOf('人员考勤', (r) => r.工号 === 'b2')).toMatchObject({ '产假(天)': 5, 顶岗分钟: 540, 休息日工作分钟: 120 });
  });

  it('writes window 2’s coverage as a fraction shown as a percentage', () => {
    const ws = book.getWorksheet('窗口覆盖')!;
    expect(rowOf('窗口覆盖', (r) => r.窗口 === W2)).toMatchObject({ 名称: '2 号窗口 综合受理二', 服务分钟: 8100, 在岗分钟: 7015, 未覆盖分钟: 1085, 在岗覆盖率: 0.866, 空岗次数: 6, 空岗分钟: 1065, 顶岗分钟: 990, AB同时离岗次数: 1, AB同时离岗分钟: 20, 非本岗分钟: 450 });
    expect(ws.getCell('F4').numFmt).toBe('0.00%');
  });

  it('writes each day with the date as a date: a1’s 13 October, a missed punch and the afternoon 旷工', () => {
    const ws = book.getWorksheet('人员每日')!;
    expect(ws.getCell('A3').value).toEqual(new Date(Date.UTC(2026, 9, 1)));
    expect(ws.getCell('A3').numFmt).toBe('yyyy-mm-dd');
    const oct13 = new Date(Date.UTC(2026, 9, 13)).getTime();
    expect(rowOf('人员每日', (r) => r.工号 === 'a1' && (r.日期 as Date).getTime() === oct13)).toMatchObject({
      姓名: '张伟', 日类型: '工作日', 第一时段: '上午出勤', 第二时段: '下午旷工 缺卡', 缺卡次数: 1, 旷工半天: 1, 迟到分钟: 0,
    });
    // The 调休 Saturday, and a1's 事假 morning on the 16th.
    expect(rowOf('人员每日', (r) => r.工号 === 'a2' && (r.日期 as Date).getTime() === Date.UTC(2026, 9, 10))).toMatchObject({ 日类型: '调休上班', 第一时段: '上午旷工', 旷工半天: 2 });
    expect(rowOf('人员每日', (r) => r.工号 === 'a1' && (r.日期 as Date).getTime() === Date.UTC(2026, 9, 16))).toMatchObject({ 第一时段: '上午请假·事假', 第二时段: '下午出勤', '请假(天)': 0.5 });
    // Window 2 on the 27th: nobody all day.
    expect(rowOf('窗口每日', (r) => r.窗口 === W2 && (r.日期 as Date).getTime() === Date.UTC(2026, 9, 27))).toMatchObject({ 服务分钟: 450, 在岗分钟: 0, 在岗覆盖率: 0, 空岗分钟: 450 });
  });
});
