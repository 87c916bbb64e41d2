/**
 * An approver approves or refuses a pending leave or 补签 request, at the level its length needs
 * (a higher level may; nobody decides their own). Only approved leave excuses an absence.
 */
import { mayApprove, type LeaveRecord } from '../../domain/attendance/leave.js';
import { refuseLeave, type Actor, type LeaveContext, type LeaveResult } from './leaveContext.js';

export interface DecideRequestProps {
  hallId: string;
  actor: Actor;
  requestId: string;
  approve: boolean;
  note?: string;
}

export async function decideRequest(ctx: LeaveContext, props: DecideRequestProps): Promise<LeaveResult<{ request: LeaveRecord }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuseLeave('unknown_hall');
  const request = await ctx.leave.get(props.requestId);
  if (!request || request.hallId !== hall.id) return refuseLeave('unknown_request');
  const rules = hall.config.attendance.approval;
  const approverInHall = { staffId: props.actor.staffId, role: props.actor.role, hallId: props.actor.hallId };
  if (!mayApprove(approverInHall, hall.id, 'window_head', rules)) return refuseLeave('not_allowed');
  if (!mayApprove(approverInHall, hall.id, request.level, rules)) return refuseLeave('needs_higher_approver');
  if (request.staffId === props.actor.staffId) return refuseLeave('own_request');
  if (request.status !== 'pending') return refuseLeave('bad_state');
  const now = ctx.clock();
  const status = props.approve ? 'approved' : 'refused';
  const changed = await ctx.leave.transition(request.id, 'pending', { status, decidedBy: props.actor.staffId, decidedAt: now }, {
    at: now, actorId: props.actor.staffId, action: status, ...(props.note ? { note: props.note } : {}),
  });
  if (!changed) return refuseLeave('changed_meanwhile');
  return { ok: true, request: { ...request, status, decidedBy: props.actor.staffId, decidedAt: now } };
}
