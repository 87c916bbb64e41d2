/**
 * A hall's attendance for a day or a run of days (a month): every staffer's day record and every
 * window's cover, with totals. Pure: give it the configuration, the intervals, the leave and the
 * time; the HTTP route, the export and the counter all read it.
 */
import type { HallConfig } from '../../config.js';
import { windowId as windowIdOf } from '../numbering.js';
import type { LeaveType } from '../../attendanceConfig.js';
import { HallCalendar, type CalendarDay } from '../calendar/calendar.js';
import type { DutyInterval } from '../facts.js';
import type { LeaveRecord } from './leave.js';
import { sessionsOf } from './sessions.js';
import { minutes } from './spans.js';
import { staffDay, type CountMinutes, type Roster, type StaffDay } from './staffDay.js';
import { windowDay, type WindowDay } from './windowDay.js';
import { byCodeUnits } from '../order.js';

export interface AttendanceInput {
  hall: HallConfig;
  intervals: readonly DutyInterval[];
  requests: readonly LeaveRecord[];
  now: number;
  calendar?: HallCalendar;
}

export function rosterOf(hall: HallConfig): Roster {
  const roster = new Map<string, { A?: string; B?: string }>();
  for (const w of hall.windows) roster.set(windowIdOf(hall.id, w.number), {});
  for (const s of hall.staff) for (const p of s.posts) roster.get(windowIdOf(hall.id, p.window))![p.post] = s.id;
  return roster;
}

export interface AttendanceDay {
  date: string;
  calendar: CalendarDay;
  staff: StaffDay[];
  windows: WindowDay[];
}

/** What every day of a period shares: the roster, who is scheduled, the calendar. */
interface PeriodShared {
  calendar: HallCalendar;
  roster: Roster;
  scheduled: ReadonlySet<string>;
}

function shared(input: AttendanceInput): PeriodShared {
  return {
    calendar: input.calendar ?? new HallCalendar(input.hall.schedule),
    roster: rosterOf(input.hall),
    scheduled: new Set(input.hall.staff.filter((s) => s.posts.length > 0).map((s) => s.id)),
  };
}

export function attendanceDay(input: AttendanceInput, date: string): AttendanceDay {
  return dayOf(input, shared(input), date, input.intervals, input.requests);
}

/**
 * One day from the intervals and requests that may touch it (a period hands each day only its
 * own, so a month does not filter all its intervals thirty times).
 */
function dayOf(input: AttendanceInput, common: PeriodShared, date: string, intervals: readonly DutyInterval[], requests: readonly LeaveRecord[]): AttendanceDay {
  const { hall, now } = input;
  const cal = common.calendar.day(date);
  const sessions = sessionsOf(hall.schedule, hall.timeZone, date);
  const dayStart = sessions[0]!.start;
  const dayEnd = sessions.at(-1)!.end;
  // Staff the attendance covers: everyone holding a post, and anyone who signed in at a window.
  const byStaff = new Map<string, DutyInterval[]>([...common.scheduled].map((id) => [id, []]));
  const touching: DutyInterval[] = [];
  for (const i of intervals) {
    if (!(i.startAt < dayEnd && (i.endAt ?? now) > dayStart)) continue;
    touching.push(i);
    const list = byStaff.get(i.staffId);
    if (list) list.push(i);
    else byStaff.set(i.staffId, [i]);
  }
  const dayRequests = requests.filter((r) => r.startAt <= dayEnd && r.endAt >= dayStart);
  const staff = [...byStaff.keys()].sort().map((staffId) =>
    staffDay({
      staffId, date, dayKind: cal.kind, working: cal.working, scheduled: common.scheduled.has(staffId), sessions,
      intervals: byStaff.get(staffId)!,
      requests: dayRequests.length ? dayRequests.filter((r) => r.staffId === staffId) : dayRequests,
      roster: common.roster, rules: hall.attendance, now,
    }),
  );
  const byWindow = new Map<string, DutyInterval[]>();
  for (const i of touching) {
    const list = byWindow.get(i.windowId);
    if (list) list.push(i);
    else byWindow.set(i.windowId, [i]);
  }
  const windows = hall.windows.map((w) => {
    const windowId = windowIdOf(hall.id, w.number);
    return windowDay({
      windowId, windowNumber: w.number, date, working: cal.working, sessions,
      intervals: byWindow.get(windowId) ?? [], roster: common.roster, offRosterCovers: hall.attendance.offRosterAllowed.includes(w.number),
      kongangMinutes: hall.rules.awayAlertMinutes, abNotAwayTogether: hall.attendance.abNotAwayTogether, now,
    });
  });
  return { date, calendar: cal, staff, windows };
}

export interface StaffTotals {
  staffId: string;
  workingDays: number;
  scheduledSessions: number;
  presentSessions: number;
  /** Present sessions as days (sessions a day: 2 with a lunch break, else 1). */
  daysPresent: number;
  onDutySessions: number;
  late: CountMinutes;
  early: CountMinutes;
  missedPunches: number;
  absenceHalfDays: number;
  /** Whole days with every session 旷工. */
  fullDayAbsences: number;
  leave: Partial<Record<LeaveType, { minutes: number; days: number }>>;
  away: CountMinutes & { byReason: Partial<Record<string, CountMinutes>> };
  unreportedAway: CountMinutes;
  coverMinutes: number;
  offRosterMinutes: number;
  /** 空岗 minutes of windows where this staffer is the A post (S3: deducted from A and the window). */
  kongangAsA: CountMinutes;
  restDayMinutes: number;
}

export interface WindowTotals {
  windowId: string;
  serviceMinutes: number;
  coveredMinutes: number;
  uncoveredMinutes: number;
  coverageRate: number | null;
  kongang: CountMinutes;
  coverMinutes: number;
  bothAway: CountMinutes;
  offRosterMinutes: number;
}

export interface AttendancePeriod {
  from: string;
  to: string;
  days: AttendanceDay[];
  staff: StaffTotals[];
  windows: WindowTotals[];
  /** Years the national calendar has no data for: their holidays were not applied. */
  unknownYears: number[];
}

const add = (a: CountMinutes, b: CountMinutes): void => {
  a.count += b.count;
  a.minutes = minutes((a.minutes + b.minutes) * 60_000);
};

export function attendancePeriod(input: AttendanceInput, dates: readonly string[]): AttendancePeriod {
  const common = shared(input);
  const { calendar, roster } = common;
  // Each interval and request handed to the days it may touch (a day runs from its first
  // session's start to its last's end, within its own date), in one pass.
  const starts = dates.map((d) => sessionsOf(input.hall.schedule, input.hall.timeZone, d));
  const spans = starts.map((s) => [s[0]!.start, s.at(-1)!.end] as const);
  const dayIntervals = dates.map((): DutyInterval[] => []);
  const dayRequests = dates.map((): LeaveRecord[] => []);
  const spread = <T>(from: number, to: number, into: T[][], item: T, closedEnd: boolean): void => {
    spans.forEach(([a, b], d) => {
      if (closedEnd ? from <= b && to >= a : from < b && to > a) into[d]!.push(item);
    });
  };
  for (const i of input.intervals) spread(i.startAt, i.endAt ?? input.now, dayIntervals, i, false);
  for (const r of input.requests) spread(r.startAt, r.endAt, dayRequests, r, true);
  const days = dates.map((d, k) => dayOf(input, common, d, dayIntervals[k]!, dayRequests[k]!));
  const staff = new Map<string, StaffTotals>();
  const sessionsPerDay = input.hall.schedule.lunch ? 2 : 1;
  for (const day of days) {
    for (const s of day.staff) {
      const t = staff.get(s.staffId) ?? {
        staffId: s.staffId, workingDays: 0, scheduledSessions: 0, presentSessions: 0, daysPresent: 0, onDutySessions: 0,
        late: { count: 0, minutes: 0 }, early: { count: 0, minutes: 0 }, missedPunches: 0, absenceHalfDays: 0, fullDayAbsences: 0,
        leave: {}, away: { count: 0, minutes: 0, byReason: {} }, unreportedAway: { count: 0, minutes: 0 },
        coverMinutes: 0, offRosterMinutes: 0, kongangAsA: { count: 0, minutes: 0 }, restDayMinutes: 0,
      };
      staff.set(s.staffId, t);
      if (s.working) t.workingDays += 1;
      t.scheduledSessions += s.scheduledSessions;
      t.presentSessions += s.presentSessions;
      t.daysPresent = t.presentSessions / sessionsPerDay;
      t.onDutySessions += s.onDutySessions;
      add(t.late, s.late);
      add(t.early, s.early);
      t.missedPunches += s.missedPunches;
      t.absenceHalfDays += s.absenceHalfDays;
      if (s.sessions.length > 0 && s.sessions.every((x) => x.status === 'absent')) t.fullDayAbsences += 1;
      for (const type in s.leave) {
        const v = s.leave[type as LeaveType]!;
        const e = (t.leave[type as LeaveType] ??= { minutes: 0, days: 0 });
        e.minutes = minutes((e.minutes + v.minutes) * 60_000);
        e.days = Math.round((e.days + v.days) * 100) / 100;
      }
      add(t.away, s.away);
      for (const reason in s.away.byReason) add((t.away.byReason[reason] ??= { count: 0, minutes: 0 }), s.away.byReason[reason]!);
      add(t.unreportedAway, s.unreportedAway);
      t.coverMinutes = minutes((t.coverMinutes + s.coverMinutes) * 60_000);
      t.offRosterMinutes = minutes((t.offRosterMinutes + s.offRosterMinutes) * 60_000);
      t.restDayMinutes = minutes((t.restDayMinutes + s.restDayMinutes) * 60_000);
    }
    for (const w of day.windows) {
      const a = roster.get(w.windowId)?.A;
      const t = a ? staff.get(a) : undefined;
      if (t) add(t.kongangAsA, w.kongang);
    }
  }
  // Every day lists the hall's windows in the configuration's order.
  const windows = input.hall.windows.map((cfg, index): WindowTotals => {
    const id = windowIdOf(input.hall.id, cfg.number);
    const t: WindowTotals = { windowId: id, serviceMinutes: 0, coveredMinutes: 0, uncoveredMinutes: 0, coverageRate: null, kongang: { count: 0, minutes: 0 }, coverMinutes: 0, bothAway: { count: 0, minutes: 0 }, offRosterMinutes: 0 };
    for (const day of days) {
      const w = day.windows[index]!;
      t.serviceMinutes = minutes((t.serviceMinutes + w.serviceMinutes) * 60_000);
      t.coveredMinutes = minutes((t.coveredMinutes + w.coveredMinutes) * 60_000);
      t.uncoveredMinutes = minutes((t.uncoveredMinutes + w.uncoveredMinutes) * 60_000);
      add(t.kongang, w.kongang);
      t.coverMinutes = minutes((t.coverMinutes + w.coverMinutes) * 60_000);
      add(t.bothAway, w.bothAway);
      t.offRosterMinutes = minutes((t.offRosterMinutes + w.offRoster.minutes) * 60_000);
    }
    t.coverageRate = t.serviceMinutes > 0 ? Math.round((t.coveredMinutes / t.serviceMinutes) * 10_000) / 10_000 : null;
    return t;
  });
  return {
    from: dates[0] ?? '', to: dates.at(-1) ?? '', days,
    staff: [...staff.values()].sort((a, b) => byCodeUnits(a.staffId, b.staffId)),
    windows,
    unknownYears: dates.length ? calendar.unknownYears(dates[0]!, dates.at(-1)!) : [],
  };
}
