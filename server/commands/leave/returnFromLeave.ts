/**
 * 销假: back before approved leave ends. The leave ends now; the rest of the span is expected at
 * the window again (S31: a leave not closed counts as away — here the span simply ends).
 */
import type { LeaveRecord } from '../../domain/attendance/leave.js';
import { mayActFor, refuseLeave, type Actor, type LeaveContext, type LeaveResult } from './leaveContext.js';

export interface ReturnFromLeaveProps {
  hallId: string;
  actor: Actor;
  requestId: string;
  note?: string;
}

export async function returnFromLeave(ctx: LeaveContext, props: ReturnFromLeaveProps): Promise<LeaveResult<{ request: LeaveRecord }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuseLeave('unknown_hall');
  const request = await ctx.leave.get(props.requestId);
  if (!request || request.hallId !== hall.id) return refuseLeave('unknown_request');
  if (!mayActFor(props.actor, hall, request.staffId)) return refuseLeave('not_allowed');
  if (request.kind !== 'leave' || request.status !== 'approved' || request.returnedAt !== undefined) return refuseLeave('bad_state');
  const now = ctx.clock();
  if (now < request.startAt) return refuseLeave('not_started');
  if (now >= request.endAt) return refuseLeave('already_over');
  const changed = await ctx.leave.transition(request.id, 'approved', { returnedAt: now }, {
    at: now, actorId: props.actor.staffId, action: 'returned', ...(props.note ? { note: props.note } : {}),
  });
  if (!changed) return refuseLeave('changed_meanwhile');
  return { ok: true, request: { ...request, returnedAt: now } };
}
