/**
 * What the leave commands share: the SQL store, the halls and the clock; who is acting; and the
 * refusals, each with a clear reason. A refusal changes nothing (the store is only written after
 * every check passed).
 */
import type { Principal } from '../../auth/principals.js';
import { HallCalendar } from '../../domain/calendar/calendar.js';
import type { Hall } from '../../domain/hall.js';
import type { LeaveRecord } from '../../domain/attendance/leave.js';
import { sessionsOf, type Session } from '../../domain/attendance/sessions.js';
import type { Clock } from '../../domain/time.js';
import type { LeaveStore } from '../../store/archive/leaveStore.js';
import type { Halls } from '../context.js';

export interface LeaveContext {
  leave: LeaveStore;
  halls: Halls;
  clock: Clock;
}

export type Actor = Extract<Principal, { kind: 'staff' }>;

export const leaveRefusals = {
  unknown_hall: 'no such hall',
  unknown_staff: 'no such staff member in this hall',
  unknown_request: 'no such request in this hall',
  not_allowed: 'you may not do this for this hall or person',
  needs_higher_approver: 'this request needs an approver of a higher level',
  own_request: 'nobody approves their own request',
  bad_dates: 'the dates or times do not make a span (from after to, or longer than a year)',
  not_working_time: 'the span touches no working session of the hall',
  overlaps: 'another pending or approved leave of this person overlaps it',
  not_a_punch: 'the hall has no such punch (am_in, am_out, pm_in, pm_out; day_in, day_out without a lunch break)',
  in_the_future: 'a correction cannot be for a time still to come',
  bad_state: 'the request’s status does not allow this',
  not_started: 'the leave has not started: cancel it instead',
  already_over: 'the leave is over: nothing to return from',
  changed_meanwhile: 'someone changed this request meanwhile: reload it',
} as const;
export type LeaveRefusalReason = keyof typeof leaveRefusals;

export type LeaveResult<T> = ({ ok: true } & T) | { ok: false; reason: LeaveRefusalReason; message: string };

export const refuseLeave = (reason: LeaveRefusalReason): { ok: false; reason: LeaveRefusalReason; message: string } => ({ ok: false, reason, message: leaveRefusals[reason] });

/** The hall's managers (and admins) act for anyone in it; a staffer only for themself. */
export function mayActFor(actor: Actor, hall: Hall, staffId: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.hallId !== hall.id) return false;
  return actor.staffId === staffId || actor.role === 'manager';
}

/** Working sessions of the hall on every date from `from` to `to` (YYYY-MM-DD). */
export function workingSessions(hall: Hall, from: string, to: string): Session[] {
  const calendar = new HallCalendar(hall.config.schedule);
  const out: Session[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(date)) out.push(...sessionsOf(hall.config.schedule, hall.config.timeZone, date));
  }
  return out;
}

export const overlapsAny = (mine: readonly LeaveRecord[], start: number, end: number): boolean =>
  mine.some((r) => r.kind === 'leave' && (r.status === 'pending' || r.status === 'approved') && r.startAt < end && Math.min(r.endAt, r.returnedAt ?? r.endAt) > start);
