/**
 * A staffer requests leave (请假) — or a manager files it for them: a type, whole or half days or
 * hours, and a reason. It waits for the approver its length needs (attendance.approval).
 */
import { randomUUID } from 'node:crypto';
import type { LeaveType } from '../../attendanceConfig.js';
import { approvalLevel, halfDaysTouched, type LeaveRecord } from '../../domain/attendance/leave.js';
import { sessionsOf } from '../../domain/attendance/sessions.js';
import { epochOfLocal } from '../../domain/time.js';
import { mayActFor, overlapsAny, refuseLeave, workingSessions, type Actor, type LeaveContext, type LeaveResult } from './leaveContext.js';

export interface RequestLeaveProps {
  hallId: string;
  actor: Actor;
  /** Whose leave; the actor's own when absent. */
  staffId?: string;
  type: LeaveType;
  /** Whole days from…to (YYYY-MM-DD), optionally starting with the afternoon or ending with the morning. */
  days?: { from: string; to: string; fromHalf?: 'am' | 'pm'; toHalf?: 'am' | 'pm' };
  /** Or hours within one date. */
  hours?: { date: string; from: string; to: string };
  reason: string;
}

export async function requestLeave(ctx: LeaveContext, props: RequestLeaveProps): Promise<LeaveResult<{ request: LeaveRecord }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuseLeave('unknown_hall');
  const staffId = props.staffId ?? props.actor.staffId;
  if (!hall.staff.has(staffId)) return refuseLeave('unknown_staff');
  if (!mayActFor(props.actor, hall, staffId)) return refuseLeave('not_allowed');
  const { schedule, timeZone } = hall.config;

  let startAt: number;
  let endAt: number;
  let fromDate: string;
  let toDate: string;
  if (props.days) {
    ({ from: fromDate, to: toDate } = props.days);
    const first = sessionsOf(schedule, timeZone, fromDate);
    const last = sessionsOf(schedule, timeZone, toDate);
    startAt = (props.days.fromHalf === 'pm' ? first.at(-1) : first[0])!.start;
    endAt = (props.days.toHalf === 'am' ? last[0] : last.at(-1))!.end;
  } else if (props.hours) {
    fromDate = toDate = props.hours.date;
    startAt = epochOfLocal(fromDate, props.hours.from, timeZone);
    endAt = epochOfLocal(fromDate, props.hours.to, timeZone);
  } else return refuseLeave('bad_dates');
  if (!(endAt > startAt) || Date.parse(toDate) - Date.parse(fromDate) > 366 * 86_400_000) return refuseLeave('bad_dates');

  const halfDays = halfDaysTouched([startAt, endAt], workingSessions(hall, fromDate, toDate));
  if (halfDays === 0) return refuseLeave('not_working_time');
  const mine = await ctx.leave.list(hall.id, { staffId, from: startAt, to: endAt, status: ['pending', 'approved'] });
  if (overlapsAny(mine, startAt, endAt)) return refuseLeave('overlaps');

  const request: LeaveRecord = {
    id: randomUUID(), hallId: hall.id, staffId, kind: 'leave', leaveType: props.type, startAt, endAt,
    reason: props.reason, status: 'pending', level: approvalLevel(halfDays, hall.config.attendance.approval),
    requestedBy: props.actor.staffId, createdAt: ctx.clock(),
  };
  await ctx.leave.create(request, props.actor.staffId);
  return { ok: true, request };
}
