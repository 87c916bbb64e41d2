/**
 * Inspections over HTTP: the hall's checklist, recording a check (inspectors, managers), the
 * hall's inspections and findings, a staffer's own findings, their contest and a manager's
 * decision. Validate → authorise → one command (commands/casework) → present.
 */
import { z } from 'zod';
import { canInspect, canManage, canReadHistory } from '../../auth/policies.js';
import type { CaseworkContext } from '../../commands/casework/caseworkContext.js';
import { contestFinding, decideContest } from '../../commands/casework/contestFinding.js';
import { recordInspection } from '../../commands/casework/recordInspection.js';
import { hallSnapshot } from '../presenters.js';
import { inspectionKinds } from '../../domain/evaluation/records.js';
import { checklistSchema, contestBody, decisionBody, findingSchema, inspectionBody, inspectionSchema, month } from '../caseworkSchemas.js';
import type { RouteKit } from '../kit.js';
import { params } from '../schemas.js';
import { done, monthSpan } from './caseworkKit.js';

const hallFinding = z.object({ hallId: z.string().min(1).max(80), findingId: z.string().min(1).max(120) });

export function inspectionRoutes(cw: Omit<CaseworkContext, 'halls' | 'clock'>) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const cctx: CaseworkContext = { ...cw, halls: ctx.halls, clock: ctx.clock };
    const staffOf = (p: Parameters<typeof canInspect>[0] | null) => (p?.kind === 'staff' ? p : undefined);

    route({
      method: 'get', path: '/halls/{hallId}/checklist', tag: 'casework', auth: 'token',
      summary: 'The hall’s inspection checklist, inspection kinds and photo limits (the hall’s staff of every role)',
      params: params.hall,
      responses: { 200: { description: 'the checklist', schema: checklistSchema } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        kit.assertCanRead(principal, hall.id);
        if (principal?.kind !== 'staff') throw forbid('the checklist is for the hall’s people, not its devices');
        const { checklist, evidence } = hall.config.casework;
        return { status: 200, body: { kinds: [...inspectionKinds], items: checklist, evidence } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/inspections', tag: 'casework', auth: 'token',
      summary: 'Record an inspection of a window (日巡查, 周暗访, 领导巡查, 通报): items found wanting, photos uploaded first (inspectors, managers)',
      params: params.hall, body: inspectionBody,
      responses: { 201: { description: 'the inspection with its findings', schema: z.object({ inspection: inspectionSchema }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        const who = staffOf(principal);
        if (!who || !canInspect(who, hall.id, ctx.halls.parentOf)) throw forbid('only the hall’s inspectors and managers record inspections');
        // Nobody named: whoever is on duty at the window now (A, or B covering).
        let staffId = body.staffId;
        if (staffId === undefined && hall.windows.has(body.windowId)) staffId = (await hallSnapshot(ctx, hall)).windows.find((w) => w.id === body.windowId)?.onDuty;
        return done(await recordInspection(cctx, {
          hallId: hall.id, inspectorId: who.staffId, windowId: body.windowId, ...(staffId ? { staffId } : {}), kind: body.kind,
          ...(body.at !== undefined ? { at: body.at } : {}), found: body.found, ...(body.note ? { note: body.note } : {}), evidence: body.evidence,
        }), 201);
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/inspections', tag: 'casework', auth: 'token',
      summary: 'The hall’s inspections of a month, newest first, with their findings (managers, inspectors)',
      params: params.hall, query: z.object({ month, windowId: z.string().min(1).max(80).optional(), staffId: z.string().min(1).max(80).optional() }),
      responses: { 200: { description: 'inspections', schema: z.object({ items: z.array(inspectionSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!principal || !canReadHistory(principal, hall.id, ctx.halls.parentOf)) throw forbid('only the hall’s managers and inspectors read its inspections');
        const span = monthSpan(query.month, hall.config.timeZone);
        const items = await cw.inspections.list(hall.id, { ...span, ...(query.windowId ? { windowId: query.windowId } : {}), ...(query.staffId ? { staffId: query.staffId } : {}) });
        return { status: 200, body: { items } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/findings', tag: 'casework', auth: 'token',
      summary: 'Inspection findings of a month (managers, inspectors; a staffer sees only their own)',
      params: params.hall, query: z.object({ month, staffId: z.string().min(1).max(80).optional() }),
      responses: { 200: { description: 'findings, newest first', schema: z.object({ items: z.array(findingSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const all = !!principal && canReadHistory(principal, hall.id, ctx.halls.parentOf);
        const self = principal?.kind === 'staff' && principal.hallId === hall.id && principal.role === 'staff' ? principal.staffId : undefined;
        if (!all && !self) throw forbid('only the hall’s managers, inspectors and its staff (their own) read findings');
        if (!all && query.staffId && query.staffId !== self) throw forbid('a staffer reads only their own findings');
        const staffId = all ? query.staffId : self;
        const items = await cw.inspections.findings(hall.id, { ...monthSpan(query.month, hall.config.timeZone), ...(staffId ? { staffId } : {}) });
        return { status: 200, body: { items } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/findings/{findingId}/contest', tag: 'casework', auth: 'token',
      summary: 'Contest one of your own findings, once, with a reason (the staffer it names)',
      params: hallFinding, body: contestBody,
      responses: { 200: { description: 'the finding, its contest pending', schema: z.object({ finding: findingSchema }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        const who = staffOf(principal);
        if (!who || who.hallId !== hall.id || who.role !== 'staff') throw forbid('only the staffer a finding names contests it');
        return done(await contestFinding(cctx, { hallId: hall.id, findingId: p.findingId, actorId: who.staffId, note: body.note }));
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/findings/{findingId}/decision', tag: 'casework', auth: 'token',
      summary: 'Decide a pending contest: upheld withdraws the finding, rejected keeps it (managers)',
      params: hallFinding, body: decisionBody,
      responses: { 200: { description: 'the finding, decided', schema: z.object({ finding: findingSchema }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        const who = staffOf(principal);
        if (!who || !canManage(who, hall.id, ctx.halls.parentOf)) throw forbid('only the hall’s managers decide contests');
        return done(await decideContest(cctx, { hallId: hall.id, findingId: p.findingId, actorId: who.staffId, upheld: body.upheld, note: body.note }));
      },
    });
  };
}
