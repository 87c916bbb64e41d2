/**
 * What a 差评 case means for the monthly evaluation and for the live alerts, as of a moment. Pure.
 * Only the steps taken by `asOf` count, so an evaluation recomputed later for the same moment
 * gives the same answer.
 */
import type { CaseOutcome } from '../evaluation/records.js';
import { foldCase, isFinal, type BadReviewCase, type CaseDeadline } from './badReview.js';

/** The case as it stood at `asOf`: its steps up to then. */
export const caseAt = (c: BadReviewCase, asOf: number): BadReviewCase => foldCase(c, c.steps.filter((s) => s.at <= asOf));

/**
 * Was the deadline missed as of `asOf`? Met late, or still open past its due. A clock the case
 * left unanswered when it ended (closed or voided) stopped at the end.
 */
export function missed(d: CaseDeadline, asOf: number, endedAt?: number): boolean {
  const stopped = d.metAt ?? (endedAt !== undefined ? Math.min(endedAt, asOf) : asOf);
  return stopped > d.due;
}

/** The deadlines still running (unmet, case open), soonest first: what the alerts and the board watch. */
export function pendingDeadlines(c: BadReviewCase): CaseDeadline[] {
  if (isFinal(c.state)) return [];
  return c.deadlines.filter((d) => d.metAt === undefined).sort((a, b) => a.due - b.due);
}

/** The case as the evaluation reads it (records.ts CaseOutcome). */
export function caseOutcome(c: BadReviewCase, asOf: number): CaseOutcome {
  const then = caseAt(c, asOf);
  return {
    caseId: c.caseId,
    hallId: c.hallId,
    ticketId: c.ticketId,
    level: c.level,
    ratedAt: c.ratedAt,
    staffId: c.staffId,
    windowId: c.windowId,
    atFault: then.atFault,
    voided: then.voided,
    overdue: then.deadlines.some((d) => missed(d, asOf, then.endedAt)),
  };
}
