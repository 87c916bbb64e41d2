/**
 * 差评 cases over HTTP: the hall's cases (managers, inspectors; a staffer their own), one case
 * with every step, and a step on it. Validate → authorise (auth/policies.ts caseStepAllowed) →
 * one command (commands/casework/stepCase.ts) → present. No route edits a rating.
 */
import { z } from 'zod';
import { canReadHistory, caseStepAllowed } from '../../auth/policies.js';
import type { CaseworkContext } from '../../commands/casework/caseworkContext.js';
import { stepCase } from '../../commands/casework/stepCase.js';
import { caseStates, type BadReviewCase, type CaseAction } from '../../domain/cases/badReview.js';
import { missed, pendingDeadlines } from '../../domain/cases/outcome.js';
import { caseSchema, caseStep, month } from '../caseworkSchemas.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { params } from '../schemas.js';
import { done, monthSpan } from './caseworkKit.js';

const hallCase = z.object({ hallId: z.string().min(1).max(80), caseId: z.string().min(1).max(120) });

/** A case as the API shows it: with each deadline judged now. */
export function presentCase(c: BadReviewCase, now: number): z.output<typeof caseSchema> {
  const deadlines = c.deadlines.map((d) => ({ ...d, overdue: missed(d, now, c.endedAt) }));
  const next = pendingDeadlines(c)[0];
  return { ...c, deadlines, overdue: deadlines.some((d) => d.overdue), ...(next ? { nextDue: next.due } : {}) };
}

export function caseRoutes(cw: Omit<CaseworkContext, 'halls' | 'clock'> & Pick<Partial<CaseworkContext>, 'caseChanged'>) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const cctx: CaseworkContext = { ...cw, halls: ctx.halls, clock: ctx.clock };

    route({
      method: 'get', path: '/halls/{hallId}/cases', tag: 'casework', auth: 'token',
      summary: '差评 cases of the hall, newest rating first (managers and inspectors; a staffer sees only their own)',
      params: params.hall,
      query: z.object({ state: z.enum(caseStates).optional(), staffId: z.string().min(1).max(80).optional(), month: month.optional(), overdue: z.enum(['true', 'false']).optional() }),
      responses: { 200: { description: 'cases', schema: z.object({ items: z.array(caseSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const all = !!principal && canReadHistory(principal, hall.id, ctx.halls.parentOf);
        const own = principal?.kind === 'staff' && principal.hallId === hall.id && principal.role === 'staff';
        if (!all && !own) throw forbid('only the hall’s managers, inspectors and its staff (their own cases) read cases');
        const self = principal?.kind === 'staff' ? principal.staffId : undefined;
        if (!all && query.staffId && query.staffId !== self) throw forbid('a staffer reads only their own cases');
        const staffId = all ? query.staffId : self;
        const span = query.month ? monthSpan(query.month, hall.config.timeZone) : undefined;
        const now = ctx.clock();
        const items = (await cw.cases.list(hall.id, { ...(staffId ? { staffId } : {}), ...(query.state ? { states: [query.state] } : {}), ...(span ? { ratedFrom: span.from, ratedTo: span.to } : {}) }))
          .map((c) => presentCase(c, now))
          .filter((c) => query.overdue === undefined || c.overdue === (query.overdue === 'true'));
        return { status: 200, body: { items } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/cases/{caseId}', tag: 'casework', auth: 'token',
      summary: 'One 差评 case with every step (managers, inspectors, the staffer it is about)',
      params: hallCase,
      responses: { 200: { description: 'the case', schema: z.object({ case: caseSchema }) } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        const c = await cw.cases.get(p.caseId);
        if (!c || c.hallId !== hall.id) throw new HttpError(404, 'unknown_case', 'no such case');
        const mine = principal?.kind === 'staff' && principal.staffId === c.staffId;
        if (!mine && !(principal && canReadHistory(principal, hall.id, ctx.halls.parentOf))) throw forbid('only the hall’s managers and inspectors and the staffer it is about read a case');
        return { status: 200, body: { case: presentCase(c, ctx.clock()) } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/cases/{caseId}/steps', tag: 'casework', auth: 'token',
      summary: 'Take a step on a case: assign, contact, verify (the verdict), decide_appeal, rectify, revisit, close (managers; inspectors contact, revisit, note and verify cases assigned to them; the staffer only a note on their own)',
      params: hallCase, body: caseStep,
      responses: { 200: { description: 'the case after the step', schema: z.object({ case: caseSchema }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        const c = await cw.cases.get(p.caseId);
        if (!c || c.hallId !== hall.id) throw new HttpError(404, 'unknown_case', 'no such case');
        if (!principal || principal.kind !== 'staff' || !caseStepAllowed(principal, hall.id, ctx.halls.parentOf, body.action, c)) {
          throw forbid(`this token may not take the step "${body.action}" on this case`);
        }
        const r = done(await stepCase(cctx, { hallId: hall.id, caseId: c.caseId, actorId: principal.staffId, action: body as CaseAction }));
        return { status: 200, body: { case: presentCase(r.body.case, ctx.clock()) } };
      },
    });
  };
}
