/**
 * One staffer's attendance on one date (考勤日报), from the duty intervals (签到/签退, 离岗, 顶岗:
 * domain/facts.ts), the day's sessions and approved leave and 补签. Pure; the same function reads
 * today's live intervals and a month from the archive. Each rule's source is in attendanceConfig.ts.
 *
 * Reading punches from intervals: a sign-in is the session's "in" and a sign-out its "out";
 * staying signed in over lunch (the hall never signs anyone out then) satisfies am_out and pm_in.
 * A day whose last interval the day's end closed (never signed out) misses its last "out".
 */
import { onDutyLeaveTypes, type AttendanceRules, type LeaveType } from '../../attendanceConfig.js';
import type { DutyInterval } from '../facts.js';
import type { DayKind } from '../calendar/calendar.js';
import { leaveEnd, leaveSpans, type LeaveRecord } from './leave.js';
import type { Punch, Session, SessionName } from './sessions.js';
import { clip, intersect, minutes, subtract, total, type Span } from './spans.js';

export type SessionStatus =
  /** Signed in (late or early included, below the absence line). */
  | 'present'
  /** On approved 公差, 培训, 会议 or 外出办事 for the whole session: counts as present. */
  | 'on_duty'
  /** On other approved leave for the whole session. */
  | 'leave'
  /** 旷工: no sign-in and no leave, or late/early/away/missed punch past the line. */
  | 'absent'
  /** Not judged yet: the session has not ended (today). */
  | 'open'
  /** The staffer holds no A/B post: nobody expects them. */
  | 'unscheduled';

export type AbsenceCause = 'no_sign_in' | 'late' | 'early' | 'missed_punch' | 'away';

export interface SessionRecord {
  name: SessionName;
  status: SessionStatus;
  absenceCause?: AbsenceCause;
  leaveType?: LeaveType;
  /** Minutes late / early when counted as such (below the absence line). */
  lateMinutes?: number;
  earlyMinutes?: number;
  missedPunch?: Punch;
}

export interface CountMinutes {
  count: number;
  minutes: number;
}

export interface StaffDay {
  staffId: string;
  date: string;
  dayKind: DayKind;
  working: boolean;
  sessions: SessionRecord[];
  /** Sessions expected (working day, on the roster). */
  scheduledSessions: number;
  /** Present or on duty. */
  presentSessions: number;
  onDutySessions: number;
  late: CountMinutes;
  early: CountMinutes;
  missedPunches: number;
  /** 旷工 in half-days: 1 for a half-day, 2 for a full day with two sessions. */
  absenceHalfDays: number;
  /** Approved leave inside the sessions, by type: minutes and days (a full session = 1 / sessions a day). */
  leave: Partial<Record<LeaveType, { minutes: number; days: number }>>;
  /** 离岗 inside the sessions (lunch excluded) and not under approved leave, by pause reason. */
  away: CountMinutes & { byReason: Partial<Record<string, CountMinutes>> };
  /** Away with no reason given past the warning line. */
  unreportedAway: CountMinutes;
  /** Minutes acting as B while A was away or absent (顶岗). */
  coverMinutes: number;
  /** Minutes signed in at a window whose roster does not name them (flagged). */
  offRosterMinutes: number;
  offRosterWindows: string[];
  /** Minutes signed in on a day the hall does not work (toward 调休 credit). */
  restDayMinutes: number;
}

/** Who holds which post at which window (from the configuration). */
export type Roster = ReadonlyMap<string, { A?: string; B?: string }>;

export const onRoster = (roster: Roster, windowId: string, staffId: string): boolean => {
  const r = roster.get(windowId);
  return r?.A === staffId || r?.B === staffId;
};

export interface StaffDayInput {
  staffId: string;
  date: string;
  dayKind: DayKind;
  working: boolean;
  /** Holds at least one A/B post: expected on working days. */
  scheduled: boolean;
  sessions: readonly Session[];
  /** This staffer's intervals (any window) that may touch the date. */
  intervals: readonly DutyInterval[];
  /** This staffer's leave and corrections (only approved ones count). */
  requests: readonly LeaveRecord[];
  roster: Roster;
  rules: AttendanceRules;
  /** Open intervals end here; sessions after it are not judged. */
  now: number;
}

const MIN = 60_000;
const end = (i: DutyInterval, now: number): number => i.endAt ?? now;
const spanOf = (i: DutyInterval, now: number): Span => [i.startAt, end(i, now)];
const clipTo = (spans: readonly Span[], s: Session): Span[] => clip(spans, s.start, s.end);
const NONE: readonly never[] = [];

export function staffDay(input: StaffDayInput): StaffDay {
  const { rules, now, sessions } = input;
  const duty = input.intervals.filter((i) => i.kind === 'duty');
  const away = input.intervals.filter((i) => i.kind === 'away');
  // Most days have no leave and no 补签: nothing to build for them.
  const approved = input.requests.length ? input.requests.filter((r) => r.status === 'approved') : NONE;
  const leave = approved.length ? leaveSpans(approved) : NONE;
  const corrections = new Map<Punch, number>();
  for (const r of approved) if (r.kind === 'correction' && r.punch) corrections.set(r.punch, r.startAt);
  const sessionSpans: Span[] = sessions.map((s) => [s.start, s.end]);

  const record: StaffDay = {
    staffId: input.staffId, date: input.date, dayKind: input.dayKind, working: input.working,
    sessions: [], scheduledSessions: 0, presentSessions: 0, onDutySessions: 0,
    late: { count: 0, minutes: 0 }, early: { count: 0, minutes: 0 }, missedPunches: 0, absenceHalfDays: 0,
    leave: {}, away: { count: 0, minutes: 0, byReason: {} }, unreportedAway: { count: 0, minutes: 0 },
    // 顶岗 is cover of service minutes: on a day the hall does not work there is nothing to cover (rest-day work below).
    coverMinutes: input.working ? minutes(total(intersect(input.intervals.filter((i) => i.kind === 'cover').map((i) => spanOf(i, now)), sessionSpans))) : 0,
    offRosterMinutes: 0, offRosterWindows: [], restDayMinutes: 0,
  };

  const offRoster = duty.filter((i) => !onRoster(input.roster, i.windowId, input.staffId));
  if (offRoster.length > 0) {
    const offRosterInSessions = intersect(offRoster.map((i) => spanOf(i, now)), sessionSpans);
    record.offRosterMinutes = minutes(total(offRosterInSessions));
    record.offRosterWindows = [...new Set(offRoster.filter((i) => intersect([spanOf(i, now)], sessionSpans).length > 0).map((i) => i.windowId))].sort();
  }

  if (!input.working) {
    // Worked on a rest day or holiday: minutes toward 调休; nothing is expected, nothing is absent.
    const day: Span = [sessions[0]?.start ?? 0, sessions.at(-1)?.end ?? 0];
    record.restDayMinutes = minutes(total(intersect(duty.map((i) => spanOf(i, now)), [day])));
    return record;
  }

  // Leave by type inside the sessions; a day's worth is the sum of session fractions.
  for (const r of approved) {
    if (r.kind !== 'leave' || !r.leaveType) continue;
    const span: Span = [r.startAt, leaveEnd(r)];
    let ms = 0;
    let days = 0;
    for (const s of sessions) {
      const inside = total(clipTo([span], s));
      ms += inside;
      days += inside / (s.end - s.start) / sessions.length;
    }
    if (ms === 0) continue;
    const entry = (record.leave[r.leaveType] ??= { minutes: 0, days: 0 });
    entry.minutes = minutes(entry.minutes * MIN + ms);
    entry.days = Math.round((entry.days + days) * 100) / 100;
  }

  // Away, per interval: inside the sessions and not under approved leave.
  const absentBecauseAway = new Set<SessionName>();
  for (const a of away) {
    const span = spanOf(a, now);
    const counted = subtract(intersect([span], sessionSpans), leave);
    const ms = total(counted);
    if (ms <= 0) continue;
    const reason = a.reason ?? 'other';
    record.away.count += 1;
    record.away.minutes = minutes(record.away.minutes * MIN + ms);
    const by = (record.away.byReason[reason] ??= { count: 0, minutes: 0 });
    by.count += 1;
    by.minutes = minutes(by.minutes * MIN + ms);
    if (rules.unreportedReasons.includes(reason as never) && ms > rules.unreportedAwayMinutes * MIN) {
      record.unreportedAway.count += 1;
      record.unreportedAway.minutes = minutes(record.unreportedAway.minutes * MIN + ms);
    }
    if (ms > rules.awayAbsenceMinutes * MIN) {
      const first = sessions.find((s) => clipTo(counted, s).length > 0);
      if (first) absentBecauseAway.add(first.name);
    }
  }

  const lastSession = sessions.at(-1);
  const dutySpans = duty.map((i) => spanOf(i, now));
  for (const s of sessions) {
    const rec: SessionRecord = { name: s.name, status: 'present' };
    record.sessions.push(rec);
    if (!input.scheduled) {
      rec.status = 'unscheduled';
      continue;
    }
    record.scheduledSessions += 1;
    const sessionLeave = clipTo(leave, s);
    if (total(sessionLeave) >= s.end - s.start) {
      const main = approved.find((r) => r.kind === 'leave' && clipTo([[r.startAt, leaveEnd(r)]], s).length > 0);
      rec.leaveType = main?.leaveType;
      const onDuty = total(clipTo(leaveSpans(approved, onDutyLeaveTypes), s)) >= s.end - s.start;
      rec.status = onDuty ? 'on_duty' : 'leave';
      if (onDuty) {
        record.presentSessions += 1;
        record.onDutySessions += 1;
      }
      continue;
    }
    if (now < s.start) {
      rec.status = 'open';
      continue;
    }
    const presence = clipTo(dutySpans, s);
    const corrIn = corrections.get(`${s.name}_in`);
    const corrOut = corrections.get(`${s.name}_out`);
    // Expected times move past leave at the session's edges (2 hours' 事假 in the morning: due at 10:30).
    let due = s.start;
    for (const [a, b] of sessionLeave) if (a <= due && b > due) due = b;
    let until = s.end;
    for (let k = sessionLeave.length - 1; k >= 0; k--) {
      const [a, b] = sessionLeave[k]!;
      if (b >= until && a < until) until = a;
    }

    const inAt = corrIn ?? presence[0]?.[0];
    let outAt = corrOut ?? presence.at(-1)?.[1];
    if (inAt === undefined) {
      if (now < s.end) rec.status = 'open';
      else absent(record, rec, 'no_sign_in');
      continue;
    }
    const ongoing = now < s.end;
    // The last "out" of the day made by the day's end (or still open on a past day): missed.
    if (s === lastSession && corrOut === undefined && !ongoing) {
      // The interval of the session that ended last (of equals, the later in the list, as sorting did).
      let last: DutyInterval | undefined;
      for (const i of duty) if (i.startAt < s.end && end(i, now) > s.start && (!last || end(i, now) >= end(last, now))) last = i;
      if (last && (last.endCause === 'end_of_day' || last.endAt === undefined)) {
        rec.missedPunch = `${s.name}_out`;
        record.missedPunches += 1;
        outAt = until; // when they left is unknown: not also early
      }
    }
    const lateMs = inAt - due;
    const earlyMs = ongoing || outAt === undefined ? 0 : until - outAt;
    const lateMin = lateMs > rules.lateGraceMinutes * MIN ? Math.ceil(lateMs / MIN) : 0;
    const earlyMin = earlyMs > rules.earlyGraceMinutes * MIN ? Math.ceil(earlyMs / MIN) : 0;
    if (lateMin >= rules.halfDayAbsenceMinutes) absent(record, rec, 'late');
    else if (earlyMin >= rules.halfDayAbsenceMinutes) absent(record, rec, 'early');
    else if (rec.missedPunch && rules.missedPunch === 'half_day_absence') absent(record, rec, 'missed_punch');
    else if (absentBecauseAway.has(s.name)) absent(record, rec, 'away');
    else {
      record.presentSessions += 1;
      if (lateMin > 0) {
        rec.lateMinutes = lateMin;
        record.late.count += 1;
        record.late.minutes += lateMin;
      }
      if (earlyMin > 0) {
        rec.earlyMinutes = earlyMin;
        record.early.count += 1;
        record.early.minutes += earlyMin;
      }
    }
  }
  return record;
}

function absent(record: StaffDay, rec: SessionRecord, cause: AbsenceCause): void {
  rec.status = 'absent';
  rec.absenceCause = cause;
  record.absenceHalfDays += 1;
}
