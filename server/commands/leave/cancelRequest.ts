/**
 * The staffer (or a manager) withdraws a request: a pending one any time, an approved leave before
 * it starts. Leave already begun ends by returning early (returnFromLeave), not by cancelling.
 */
import type { LeaveRecord } from '../../domain/attendance/leave.js';
import { mayActFor, refuseLeave, type Actor, type LeaveContext, type LeaveResult } from './leaveContext.js';

export interface CancelRequestProps {
  hallId: string;
  actor: Actor;
  requestId: string;
  note?: string;
}

export async function cancelRequest(ctx: LeaveContext, props: CancelRequestProps): Promise<LeaveResult<{ request: LeaveRecord }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuseLeave('unknown_hall');
  const request = await ctx.leave.get(props.requestId);
  if (!request || request.hallId !== hall.id) return refuseLeave('unknown_request');
  if (!mayActFor(props.actor, hall, request.staffId)) return refuseLeave('not_allowed');
  const now = ctx.clock();
  if (request.status !== 'pending' && request.status !== 'approved') return refuseLeave('bad_state');
  if (request.status === 'approved' && request.kind === 'leave' && request.startAt <= now) return refuseLeave('bad_state');
  const changed = await ctx.leave.transition(request.id, request.status, { status: 'cancelled' }, {
    at: now, actorId: props.actor.staffId, action: 'cancelled', ...(props.note ? { note: props.note } : {}),
  });
  if (!changed) return refuseLeave('changed_meanwhile');
  return { ok: true, request: { ...request, status: 'cancelled' } };
}
