/**
 * Take a step on a 差评 case: assign, contact, verify, decide an appeal, rectify, revisit, close,
 * or add a note. Who may take which step is the transport's check (auth/policies.ts
 * caseStepAllowed); the order of steps and the deadlines are the domain's (cases/badReview.ts).
 */
import { takeStep, type BadReviewCase, type CaseAction } from '../../domain/cases/badReview.js';
import { caseClockOf, refuse, type CaseworkContext, type CaseworkResult } from './caseworkContext.js';

export interface StepProps {
  hallId: string;
  caseId: string;
  actorId: string;
  action: CaseAction;
}

export async function stepCase(ctx: CaseworkContext, p: StepProps): Promise<CaseworkResult<{ case: BadReviewCase }>> {
  const hall = ctx.halls.get(p.hallId);
  if (!hall) return refuse('unknown_hall');
  const c = await ctx.cases.get(p.caseId);
  if (!c || c.hallId !== hall.id) return refuse('unknown_case');
  if (p.action.action === 'assign') {
    const who = hall.staff.get(p.action.assignee);
    if (!who || (who.role !== 'manager' && who.role !== 'inspector')) return refuse('not_an_assignee', p.action.assignee);
  }
  const r = takeStep(c, p.action, ctx.clock(), p.actorId, caseClockOf(hall));
  if (!r.ok) return refuse(r.reason);
  if (!(await ctx.cases.append(r.next, r.step))) return refuse('changed_meanwhile');
  ctx.caseChanged?.(r.next);
  return { ok: true, case: r.next };
}
