/**
 * Evidence photos over HTTP: uploaded as the request body (image/jpeg, image/png, image/webp —
 * what a phone's camera input sends), before the record they prove; served back only to the
 * hall's managers and inspectors and to the staffer the record is about.
 */
import { z } from 'zod';
import { canInspect, canManage, canReadHistory } from '../../auth/policies.js';
import type { CaseworkContext } from '../../commands/casework/caseworkContext.js';
import { uploadEvidence } from '../../commands/casework/uploadEvidence.js';
import { imageTypes } from '../../store/archive/casework/evidenceStore.js';
import { evidenceSchema } from '../caseworkSchemas.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { params } from '../schemas.js';
import { done, readUpload } from './caseworkKit.js';

const hallEvidence = z.object({ hallId: z.string().min(1).max(80), evidenceId: z.string().min(1).max(80) });

export function evidenceRoutes(cw: Omit<CaseworkContext, 'halls' | 'clock'>) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const cctx: CaseworkContext = { ...cw, halls: ctx.halls, clock: ctx.clock };

    route({
      method: 'post', path: '/halls/{hallId}/evidence', tag: 'casework', auth: 'token',
      summary: 'Upload an evidence photo (the body is the image itself); attach it by id to an inspection, complaint or commendation (inspectors, managers)',
      params: params.hall,
      upload: { mediaTypes: imageTypes, description: 'the photo; its type is judged by its bytes, within the hall’s casework.evidence limits' },
      responses: { 201: { description: 'the kept photo', schema: z.object({ evidence: evidenceSchema }) } },
      handler: async ({ params: p, principal, req }) => {
        const hall = hallOr404(p.hallId);
        if (principal?.kind !== 'staff' || !canInspect(principal, hall.id, ctx.halls.parentOf)) throw forbid('only the hall’s inspectors and managers upload evidence');
        if (!/^image\//.test(req.headers['content-type'] ?? '')) throw new HttpError(400, 'unsupported_type', 'send the photo itself as the body, with its image/… content type');
        const bytes = await readUpload(req, hall.config.casework.evidence.maxBytes);
        if (bytes === 'too_large') throw new HttpError(413, 'too_large', `the photo is larger than the hall allows (${hall.config.casework.evidence.maxBytes} bytes)`);
        return done(await uploadEvidence(cctx, { hallId: hall.id, uploadedBy: principal.staffId, bytes }), 201);
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evidence/{evidenceId}', tag: 'casework', auth: 'token',
      summary: 'An evidence photo (the hall’s managers and inspectors; the staffer whose record it proves; the uploader before it is attached)',
      params: hallEvidence,
      responses: { 200: { description: 'the photo', mediaType: 'image/*' } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        const found = await cw.evidence.read(p.evidenceId);
        if (!found || found.evidence.hallId !== hall.id) throw new HttpError(404, 'unknown_evidence', 'no such photo');
        const { evidence } = found;
        const who = principal?.kind === 'staff' ? principal : undefined;
        let allowed = !!who && (canReadHistory(who, hall.id, ctx.halls.parentOf) || canManage(who, hall.id, ctx.halls.parentOf) || evidence.uploadedBy === who.staffId);
        if (!allowed && who && evidence.subject) {
          const s = evidence.subject;
          const owner = s.kind === 'inspection' ? (await cw.inspections.get(s.id))?.staffId : s.kind === 'complaint' ? await cw.records.staffOf('complaints', s.id) : s.kind === 'commendation' ? await cw.records.staffOf('commendations', s.id) : undefined;
          allowed = owner === who.staffId;
        }
        if (!allowed) throw forbid('this photo is for the hall’s managers and inspectors and the staffer concerned');
        return { status: 200, contentType: evidence.mediaType, body: found.bytes };
      },
    });
  };
}
