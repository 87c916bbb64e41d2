/**
 * Leave (请假) and punch corrections (补签) as attendance reads them, and who must approve one.
 * Pure: the SQL store keeps them (server/store/archive/leaveStore.ts), the commands change them.
 */
import type { ApprovalLevel, AttendanceRules, LeaveType } from '../../attendanceConfig.js';
import type { Punch, Session } from './sessions.js';
import { intersect, type Span } from './spans.js';

export const requestStatuses = ['pending', 'approved', 'refused', 'cancelled'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export interface LeaveRecord {
  id: string;
  hallId: string;
  staffId: string;
  kind: 'leave' | 'correction';
  /** Leave: its type. */
  leaveType?: LeaveType;
  /** Correction: the punch it supplies. */
  punch?: Punch;
  /** Leave: from and to (epoch ms). Correction: both the punch's time. */
  startAt: number;
  endAt: number;
  reason: string;
  status: RequestStatus;
  /** The level whose approval it needs (by its length when filed). */
  level: ApprovalLevel;
  /** 销假: back before the end; the leave ends here. */
  returnedAt?: number;
  requestedBy: string;
  decidedBy?: string;
  decidedAt?: number;
  createdAt: number;
}

/** When approved leave actually ends: at its end, or at the early return (销假). */
export const leaveEnd = (r: LeaveRecord): number => Math.min(r.endAt, r.returnedAt ?? r.endAt);

/** Approved leave as spans, optionally of some types only. */
export function leaveSpans(records: readonly LeaveRecord[], types?: readonly LeaveType[]): Span[] {
  return records
    .filter((r) => r.kind === 'leave' && r.status === 'approved' && (!types || (r.leaveType && types.includes(r.leaveType))))
    .map((r): Span => [r.startAt, leaveEnd(r)]);
}

/** How many sessions (half-days) of working days a span touches: the request's length for approval. */
export function halfDaysTouched(span: Span, workingSessions: readonly Session[]): number {
  return workingSessions.filter((s) => intersect([span], [[s.start, s.end]]).length > 0).length;
}

const rank: Record<ApprovalLevel, number> = { window_head: 0, supervision: 1, leader: 2 };

/** The approval chain by length (S16/S21 ≤ half a day the window head; S24 ≤ 2 days supervision, longer the leader). */
export function approvalLevel(halfDays: number, rules: AttendanceRules['approval']): ApprovalLevel {
  if (halfDays <= rules.windowHeadMaxHalfDays) return 'window_head';
  if (halfDays <= rules.supervisionMaxHalfDays) return 'supervision';
  return 'leader';
}

/**
 * May this person approve at this level? Named approvers per level; an empty list means the
 * hall's managers. A higher level approves whatever a lower one may; admins approve everything.
 */
export function mayApprove(
  approver: { staffId: string; role: string; hallId: string },
  hallId: string,
  needed: ApprovalLevel,
  rules: AttendanceRules['approval'],
): boolean {
  if (approver.role === 'admin') return true;
  if (approver.hallId !== hallId) return false;
  const lists: Record<ApprovalLevel, string[]> = { window_head: rules.windowHead, supervision: rules.supervision, leader: rules.leader };
  return (Object.keys(lists) as ApprovalLevel[]).some((level) => {
    if (rank[level] < rank[needed]) return false;
    const named = lists[level];
    return named.length > 0 ? named.includes(approver.staffId) : approver.role === 'manager';
  });
}
