/**
 * A 补签: a missed punch supplied after the fact (S22 考勤补签单). A request like leave, decided by
 * the window head (the shortest approval), and audited like every change.
 */
import { randomUUID } from 'node:crypto';
import type { LeaveRecord } from '../../domain/attendance/leave.js';
import { sessionsOf, type Punch } from '../../domain/attendance/sessions.js';
import { epochOfLocal } from '../../domain/time.js';
import { mayActFor, refuseLeave, workingSessions, type Actor, type LeaveContext, type LeaveResult } from './leaveContext.js';

export interface RequestCorrectionProps {
  hallId: string;
  actor: Actor;
  staffId?: string;
  date: string;
  punch: Punch;
  /** When the punch should have been, HH:MM. */
  time: string;
  reason: string;
}

export async function requestCorrection(ctx: LeaveContext, props: RequestCorrectionProps): Promise<LeaveResult<{ request: LeaveRecord }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuseLeave('unknown_hall');
  const staffId = props.staffId ?? props.actor.staffId;
  if (!hall.staff.has(staffId)) return refuseLeave('unknown_staff');
  if (!mayActFor(props.actor, hall, staffId)) return refuseLeave('not_allowed');
  const sessions = sessionsOf(hall.config.schedule, hall.config.timeZone, props.date);
  if (!sessions.some((s) => props.punch.startsWith(`${s.name}_`))) return refuseLeave('not_a_punch');
  if (workingSessions(hall, props.date, props.date).length === 0) return refuseLeave('not_working_time');
  const at = epochOfLocal(props.date, props.time, hall.config.timeZone);
  if (at > ctx.clock()) return refuseLeave('in_the_future');
  const request: LeaveRecord = {
    id: randomUUID(), hallId: hall.id, staffId, kind: 'correction', punch: props.punch, startAt: at, endAt: at,
    reason: props.reason, status: 'pending', level: 'window_head', requestedBy: props.actor.staffId, createdAt: ctx.clock(),
  };
  await ctx.leave.create(request, props.actor.staffId);
  return { ok: true, request };
}
