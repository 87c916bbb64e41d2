/**
 * Complaints (投诉, verified) and commendations (表扬) over HTTP: managers record them with a note
 * and photos; managers and inspectors read the hall's, a staffer their own.
 */
import { z } from 'zod';
import { canManage, canReadHistory } from '../../auth/policies.js';
import type { CaseworkContext } from '../../commands/casework/caseworkContext.js';
import { recordCommendation, recordComplaint } from '../../commands/casework/recordStaffRecord.js';
import { commendationBody, commendationSchema, complaintBody, complaintSchema, month } from '../caseworkSchemas.js';
import type { RouteKit } from '../kit.js';
import { params } from '../schemas.js';
import { done, monthSpan } from './caseworkKit.js';

export function staffRecordRoutes(cw: Omit<CaseworkContext, 'halls' | 'clock'>) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const cctx: CaseworkContext = { ...cw, halls: ctx.halls, clock: ctx.clock };
    const manager = (p: Parameters<typeof canManage>[0] | null, hallId: string) => {
      if (p?.kind !== 'staff' || !canManage(p, hallId, ctx.halls.parentOf)) throw forbid('only the hall’s managers record complaints and commendations');
      return p;
    };
    const reader = (p: Parameters<typeof canManage>[0] | null, hallId: string, asked?: string): string | undefined => {
      if (p && canReadHistory(p, hallId, ctx.halls.parentOf)) return asked;
      if (p?.kind === 'staff' && p.hallId === hallId && p.role === 'staff' && (!asked || asked === p.staffId)) return p.staffId;
      throw forbid('only the hall’s managers, inspectors and the staffer concerned read these');
    };
    const listQuery = z.object({ month, staffId: z.string().min(1).max(80).optional() });

    route({
      method: 'post', path: '/halls/{hallId}/complaints', tag: 'casework', auth: 'token',
      summary: 'Record a verified complaint (投诉属实) against a staffer: kind, note, photos (managers)',
      params: params.hall, body: complaintBody,
      responses: { 201: { description: 'the complaint', schema: z.object({ complaint: complaintSchema }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        const who = manager(principal, hall.id);
        return done(await recordComplaint(cctx, { hallId: hall.id, managerId: who.staffId, ...body }), 201);
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/commendations', tag: 'casework', auth: 'token',
      summary: 'Record a commendation for a staffer (表扬信/锦旗, 延时/上门服务, 特事特办, media praise): kind, note, photos (managers)',
      params: params.hall, body: commendationBody,
      responses: { 201: { description: 'the commendation', schema: z.object({ commendation: commendationSchema }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        const who = manager(principal, hall.id);
        return done(await recordCommendation(cctx, { hallId: hall.id, managerId: who.staffId, ...body }), 201);
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/complaints', tag: 'casework', auth: 'token',
      summary: 'Complaints of a month (managers, inspectors; a staffer their own)',
      params: params.hall, query: listQuery,
      responses: { 200: { description: 'complaints, newest first', schema: z.object({ items: z.array(complaintSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const staffId = reader(principal, hall.id, query.staffId);
        return { status: 200, body: { items: await cw.records.complaints(hall.id, { ...monthSpan(query.month, hall.config.timeZone), ...(staffId ? { staffId } : {}) }) } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/commendations', tag: 'casework', auth: 'token',
      summary: 'Commendations of a month (managers, inspectors; a staffer their own)',
      params: params.hall, query: listQuery,
      responses: { 200: { description: 'commendations, newest first', schema: z.object({ items: z.array(commendationSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const staffId = reader(principal, hall.id, query.staffId);
        return { status: 200, body: { items: await cw.records.commendations(hall.id, { ...monthSpan(query.month, hall.config.timeZone), ...(staffId ? { staffId } : {}) }) } };
      },
    });
  };
}
