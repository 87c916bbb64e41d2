/**
 * Request and response schemas of the casework API (差评 cases, inspections, complaints,
 * commendations, evidence): the same objects validate requests and write the OpenAPI document.
 */
import { z } from 'zod';
import { checklistDimensions } from '../casesConfig.js';
import { caseActions, caseStates, complexities, raterResponses, verifyOutcomes } from '../domain/cases/badReview.js';
import { commendationKinds, complaintKinds, evaluationCategories, inspectionKinds } from '../domain/evaluation/records.js';

const id = z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _');
const note = z.string().trim().min(1).max(500);
const evidenceIds = z.array(id).max(20).default([]).meta({ description: 'ids of photos uploaded first (POST …/evidence), attached to this record' });
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

export const caseStep = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('assign'), assignee: id.meta({ description: 'a manager or inspector of the hall' }), note: note.optional() }),
    z.object({ action: z.literal('contact'), note }),
    z.object({ action: z.literal('verify'), outcome: z.enum(verifyOutcomes), complexity: z.enum(complexities).optional().meta({ description: 'required with outcome rectify' }), note }),
    z.object({ action: z.literal('decide_appeal'), upheld: z.boolean(), complexity: z.enum(complexities).optional().meta({ description: 'required when not upheld' }), note }),
    z.object({ action: z.literal('rectify'), note }),
    z.object({ action: z.literal('revisit'), response: z.enum(raterResponses), note: note.optional() }),
    z.object({ action: z.literal('close'), note: note.optional() }),
    z.object({ action: z.literal('note'), note }),
  ])
  .meta({ id: 'CaseStepRequest' });

const deadline = z.object({
  kind: z.enum(['contact', 'rectify', 'appeal_decision']), startedAt: z.number(), due: z.number(), metAt: z.number().optional(),
  overdue: z.boolean().meta({ description: 'met after its due, or still open past it' }),
});
const stepRecord = z
  .object({
    seq: z.number(), at: z.number(), actorId: z.string(), action: z.enum(caseActions), from: z.enum(caseStates).optional(), to: z.enum(caseStates), note: z.string().optional(),
    assignee: z.string().optional(), outcome: z.enum(verifyOutcomes).optional(), complexity: z.enum(complexities).optional(), upheld: z.boolean().optional(),
    response: z.enum(raterResponses).optional(), clock: z.object({ kind: z.enum(['contact', 'rectify', 'appeal_decision']), due: z.number() }).optional(),
  })
  .meta({ id: 'CaseStep' });
export const caseSchema = z
  .object({
    caseId: z.string(), hallId: z.string(), ticketId: z.string(), ticketNumber: z.string(), serviceId: z.string(), windowId: z.string(), staffId: z.string(),
    level: z.union([z.literal(1), z.literal(2)]), reasons: z.array(z.string()), comment: z.string().optional(), ratedAt: z.number(), openedAt: z.number(),
    state: z.enum(caseStates), assignee: z.string().optional(), complexity: z.enum(complexities).optional(),
    atFault: z.boolean().nullable(), voided: z.boolean(), reopened: z.number(), lastResponse: z.enum(raterResponses).optional(), endedAt: z.number().optional(),
    overdue: z.boolean().meta({ description: 'some deadline missed as of now' }),
    nextDue: z.number().optional().meta({ description: 'the soonest deadline still running' }),
    deadlines: z.array(deadline), steps: z.array(stepRecord),
  })
  .meta({ id: 'BadReviewCase', description: '差评 case: the rating copied (never edited), its state and every step; times epoch ms' });

export const checklistSchema = z
  .object({
    kinds: z.array(z.enum(inspectionKinds)),
    items: z.array(z.object({ id: z.string(), label: z.string(), dimension: z.enum(checklistDimensions), category: z.enum(evaluationCategories), points: z.number(), veto: z.boolean() })),
    evidence: z.object({ maxBytes: z.number(), types: z.array(z.string()), maxPerRecord: z.number() }),
  })
  .meta({ id: 'Checklist' });

export const inspectionBody = z.object({
  windowId: id,
  staffId: id.optional().meta({ description: 'the staffer checked; absent: whoever is on duty at the window now' }),
  kind: z.enum(inspectionKinds),
  at: z.number().int().positive().optional().meta({ description: 'when the check was made (epoch ms); now when absent' }),
  found: z.array(z.object({ itemId: id, note: note.optional() })).max(50).meta({ description: 'checklist items found wanting; empty for a clean check' }),
  note: note.optional(),
  evidence: evidenceIds,
});

export const findingSchema = z
  .object({
    findingId: z.string(), inspectionId: z.string(), hallId: z.string(), windowId: z.string(), staffId: z.string().optional(), at: z.number(),
    kind: z.enum(inspectionKinds), itemId: z.string(), label: z.string(), category: z.enum(evaluationCategories), points: z.number(), veto: z.boolean(),
    contest: z.enum(['none', 'pending', 'upheld', 'rejected']), note: z.string().optional(), contestNote: z.string().optional(), decisionNote: z.string().optional(), decidedBy: z.string().optional(),
  })
  .meta({ id: 'InspectionFinding' });
export const inspectionSchema = z
  .object({
    inspectionId: z.string(), hallId: z.string(), windowId: z.string(), staffId: z.string().optional(), kind: z.enum(inspectionKinds), at: z.number(),
    inspectorId: z.string(), note: z.string().optional(), evidence: z.array(z.string()), findings: z.array(findingSchema), createdAt: z.number(),
  })
  .meta({ id: 'Inspection' });

export const contestBody = z.object({ note });
export const decisionBody = z.object({ upheld: z.boolean(), note });

const recordCommon = {
  staffId: id, windowId: id.optional().meta({ description: 'the staffer’s A-post window when absent' }),
  at: z.number().int().positive().optional().meta({ description: 'when it happened (epoch ms); now when absent' }), note, evidence: evidenceIds,
};
export const complaintBody = z.object({ kind: z.enum(complaintKinds), ...recordCommon });
export const commendationBody = z.object({ kind: z.enum(commendationKinds), ...recordCommon });
const recordOut = {
  hallId: z.string(), staffId: z.string(), windowId: z.string().optional(), at: z.number(), note: z.string(), evidence: z.array(z.string()), recordedBy: z.string(), createdAt: z.number(),
};
export const complaintSchema = z.object({ complaintId: z.string(), kind: z.enum(complaintKinds), ...recordOut }).meta({ id: 'Complaint' });
export const commendationSchema = z.object({ commendationId: z.string(), kind: z.enum(commendationKinds), ...recordOut }).meta({ id: 'Commendation' });

export const evidenceSchema = z
  .object({ evidenceId: z.string(), hallId: z.string(), mediaType: z.string(), bytes: z.number(), sha256: z.string(), uploadedBy: z.string(), uploadedAt: z.number() })
  .meta({ id: 'Evidence' });
