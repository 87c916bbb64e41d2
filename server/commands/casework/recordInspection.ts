/**
 * An inspector records a check of a window (日巡查 · 周暗访 · 明查 · 通报): the items found wanting,
 * from the hall's checklist as it is now (each finding keeps the item's label, points and veto),
 * the staffer on duty, the time, the photos uploaded for it.
 */
import { randomBytes } from 'node:crypto';
import { findingsOf, type FoundItem, type Inspection } from '../../domain/cases/inspection.js';
import type { InspectionKind } from '../../domain/evaluation/records.js';
import { refuse, type CaseworkContext, type CaseworkResult } from './caseworkContext.js';

export interface InspectionProps {
  hallId: string;
  inspectorId: string;
  windowId: string;
  /** The staffer checked (on duty at the window); absent when nobody was. */
  staffId?: string;
  kind: InspectionKind;
  /** When the check was made; now when absent. */
  at?: number;
  found: FoundItem[];
  note?: string;
  evidence: string[];
}

export async function recordInspection(ctx: CaseworkContext, p: InspectionProps): Promise<CaseworkResult<{ inspection: Inspection }>> {
  const hall = ctx.halls.get(p.hallId);
  if (!hall) return refuse('unknown_hall');
  if (!hall.windows.has(p.windowId)) return refuse('unknown_window');
  if (p.staffId !== undefined && hall.staff.get(p.staffId)?.role !== 'staff') return refuse('unknown_staff', p.staffId);
  const now = ctx.clock();
  // A minute's grace for a phone whose clock runs ahead.
  if (p.at !== undefined && p.at > now + 60_000) return refuse('in_the_future');
  if (p.evidence.length > hall.config.casework.evidence.maxPerRecord) return refuse('too_many_photos');
  const inspectionId = `insp-${randomBytes(8).toString('hex')}`;
  const base = { inspectionId, hallId: hall.id, windowId: p.windowId, ...(p.staffId ? { staffId: p.staffId } : {}), kind: p.kind, at: Math.min(p.at ?? now, now) };
  const f = findingsOf(base, p.found, hall.config.casework.checklist);
  if (!f.ok) return refuse(f.reason, f.item);
  const inspection: Inspection = { ...base, inspectorId: p.inspectorId, ...(p.note ? { note: p.note } : {}), evidence: [...new Set(p.evidence)], findings: f.findings, createdAt: now };
  if (!(await ctx.inspections.create(inspection))) return refuse('bad_evidence');
  return { ok: true, inspection };
}
