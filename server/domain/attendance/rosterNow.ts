/**
 * Today's roster as a manager reads it now (今日在岗): for each staffer, where they are and what
 * needs attention — 未到 (a rostered staffer neither signed in nor on approved leave once the
 * hall's not-signed-in line has passed), 离岗 with its reason and since when, 迟到 minutes, 请假,
 * B岗 covering. Pure: the late minutes and leave come from the day's attendance record
 * (staffDay.ts, the same rule as the month), who is where from the windows' live state.
 */
import type { WindowView } from '../../events.js';
import type { LeaveType } from '../../attendanceConfig.js';
import type { StaffDay } from './staffDay.js';
import type { Session } from './sessions.js';
import { leaveEnd, type LeaveRecord } from './leave.js';
import { byCodeUnits } from '../order.js';

export type RosterStatus =
  /** Not signed in past the line, no leave: needs attention. */
  | 'absent'
  /** Signed in, stepped away (离岗). */
  | 'away'
  /** Signed in as B post and acting while A is away or absent (顶岗). */
  | 'covering'
  | 'in'
  /** Approved leave now. */
  | 'leave'
  /** Rostered, the line has not passed yet (or the hall is not in session). */
  | 'not_in'
  /** Holds no post: nobody expects them at a window. */
  | 'unscheduled';

export interface RosterRow {
  staffId: string;
  name: string;
  role: string;
  posts: { window: number; post: 'A' | 'B' }[];
  status: RosterStatus;
  windowId?: string;
  post?: 'A' | 'B';
  /** Minutes late today (staffDay's rule), when late. */
  lateMinutes?: number;
  awayReason?: string;
  awaySince?: number;
  leaveType?: LeaveType;
  /** Until when the leave runs (epoch ms). */
  leaveUntil?: number;
}

export interface RosterInput {
  staff: readonly { id: string; name: string; role: string; posts: readonly { window: number; post: 'A' | 'B' }[] }[];
  windows: readonly WindowView[];
  /** Today's record per staffer (staffDay.ts), when there is one. */
  days: ReadonlyMap<string, StaffDay>;
  /** Approved leave requests touching today. */
  leave: readonly LeaveRecord[];
  /** Who is away since when and why (server/domain/desk/today.ts). */
  away: Readonly<Record<string, { since: number; reason: string }>>;
  /** Today's sessions (sessions.ts) and the hall's not-signed-in line in minutes (attendance.notSignedInAlertMinutes). */
  sessions: readonly Session[];
  notSignedInMinutes: number;
  working: boolean;
  now: number;
}

/** Attention first: 未到, 离岗, then the rest; by 工号 within each. */
const order: Record<RosterStatus, number> = { absent: 0, away: 1, covering: 2, in: 3, not_in: 4, leave: 5, unscheduled: 6 };

export function rosterNow(input: RosterInput): RosterRow[] {
  const { now } = input;
  const at = new Map<string, { w: WindowView; post: 'A' | 'B' }>();
  for (const w of input.windows) {
    if (w.postA) at.set(w.postA, { w, post: 'A' });
    if (w.postB) at.set(w.postB, { w, post: 'B' });
  }
  const session = input.sessions.find((s) => now >= s.start && now < s.end);
  const pastLine = input.working && !!session && now - session.start >= input.notSignedInMinutes * 60_000;
  const rows = input.staff.map((s): RosterRow => {
    const base = { staffId: s.id, name: s.name, role: s.role, posts: [...s.posts] };
    const day = input.days.get(s.id);
    const late = day && day.late.minutes > 0 ? { lateMinutes: day.late.minutes } : {};
    const here = at.get(s.id);
    if (here) {
      const { w, post } = here;
      const where = { windowId: w.id, post, ...late };
      const awayReason = post === 'A' ? w.awayA : w.awayB;
      if (awayReason) return { ...base, ...where, status: 'away', awayReason, ...(input.away[s.id] ? { awaySince: input.away[s.id]!.since } : {}) };
      return { ...base, ...where, status: w.covering && w.onDuty === s.id ? 'covering' : 'in' };
    }
    const leave = input.leave.find((r) => r.staffId === s.id && r.kind === 'leave' && r.status === 'approved' && r.startAt <= now && leaveEnd(r) > now);
    if (leave) return { ...base, status: 'leave', ...(leave.leaveType ? { leaveType: leave.leaveType } : {}), leaveUntil: leaveEnd(leave) };
    if (s.posts.length === 0) return { ...base, status: 'unscheduled' };
    return { ...base, ...late, status: pastLine ? 'absent' : 'not_in' };
  });
  return rows.sort((a, b) => order[a.status] - order[b.status] || byCodeUnits(a.staffId, b.staffId));
}
