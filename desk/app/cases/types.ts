/** A 差评 case as the casework API sends it (the fields the desk shows). */
export interface CaseRow {
  caseId: string;
  ticketNumber: string;
  windowId: string;
  staffId: string;
  level: 1 | 2;
  reasons: string[];
  comment?: string;
  ratedAt: number;
  state: string;
  assignee?: string;
  overdue: boolean;
  nextDue?: number;
  steps: { seq: number; at: number; actorId: string; action: string; to: string; note?: string }[];
}

/** The steps a manager may take in each state (server/domain/cases/badReview.ts; `note` and `contact` in any open state once assigned). */
export const stepsOf: Record<string, readonly string[]> = {
  received: ['assign'],
  verifying: ['verify', 'contact', 'assign', 'note'],
  rectifying: ['rectify', 'contact', 'assign', 'note'],
  explaining: ['revisit', 'contact', 'assign', 'note'],
  appealing: ['decide_appeal', 'contact', 'assign', 'note'],
  rectified: ['revisit', 'contact', 'note'],
  revisited: ['close', 'note'],
};
