/**
 * Inspections and their findings in SQL. An inspection, its findings, its log row and its photos'
 * attachment are written in one transaction. A finding's contest changes by compare and set on its
 * contest state, with a log row: a staffer's contest and a manager's decision each happen once.
 */
import type { ContestState, EvaluationCategory, InspectionKind } from '../../../domain/evaluation/records.js';
import type { Finding, Inspection } from '../../../domain/cases/inspection.js';
import type { ArchiveDb } from '../database.js';
import type { ArchiveTables } from '../tables.js';
import { attachEvidence, EvidenceRefused } from './evidenceStore.js';
import { appendLog } from './log.js';

type InspectionRow = ArchiveTables['inspections'];
type FindingRow = ArchiveTables['inspection_findings'];

const findingOf = (r: FindingRow): Finding => ({
  findingId: r.finding_id, inspectionId: r.inspection_id, hallId: r.hall_id, windowId: r.window_id, ...(r.staff_id ? { staffId: r.staff_id } : {}),
  at: r.at, kind: r.kind as InspectionKind, itemId: r.item_id, label: r.label, category: r.category as EvaluationCategory, points: Number(r.points),
  veto: Number(r.veto) === 1, contest: r.contest as ContestState, ...(r.note ? { note: r.note } : {}), ...(r.contest_note ? { contestNote: r.contest_note } : {}),
  ...(r.decision_note ? { decisionNote: r.decision_note } : {}), ...(r.decided_by ? { decidedBy: r.decided_by } : {}),
});

const inspectionOf = (r: InspectionRow, findings: Finding[]): Inspection => ({
  inspectionId: r.inspection_id, hallId: r.hall_id, windowId: r.window_id, ...(r.staff_id ? { staffId: r.staff_id } : {}), kind: r.kind as InspectionKind,
  at: r.at, inspectorId: r.inspector_id, ...(r.note ? { note: r.note } : {}), evidence: JSON.parse(r.evidence) as string[], findings, createdAt: r.created_at,
});

export interface FindingFilter {
  from?: number;
  to?: number;
  staffId?: string;
  windowId?: string;
  contest?: ContestState[];
}

export class InspectionStore {
  constructor(private readonly db: ArchiveDb) {}

  /** Record an inspection; false when a photo is not the inspector's own unattached upload of this hall (nothing written). */
  async create(i: Inspection): Promise<boolean> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('inspections').values({
          inspection_id: i.inspectionId, hall_id: i.hallId, window_id: i.windowId, staff_id: i.staffId ?? null, kind: i.kind, at: i.at,
          inspector_id: i.inspectorId, note: i.note ?? null, evidence: JSON.stringify(i.evidence), created_at: i.createdAt,
        }).execute();
        for (const f of i.findings) {
          await trx.insertInto('inspection_findings').values({
            finding_id: f.findingId, inspection_id: f.inspectionId, hall_id: f.hallId, window_id: f.windowId, staff_id: f.staffId ?? null, at: f.at,
            kind: f.kind, item_id: f.itemId, label: f.label, category: f.category, points: f.points, veto: f.veto ? 1 : 0, note: f.note ?? null,
            contest: f.contest, contest_note: null, decision_note: null, decided_by: null, updated_at: i.createdAt,
          }).execute();
        }
        await appendLog(trx, {
          subjectKind: 'inspection', subjectId: i.inspectionId, hallId: i.hallId, at: i.createdAt, actorId: i.inspectorId, action: 'recorded',
          ...(i.note ? { note: i.note } : {}), data: { items: i.findings.map((f) => f.itemId), evidence: i.evidence },
        });
        if (!(await attachEvidence(trx, i.hallId, i.evidence, i.inspectorId, { kind: 'inspection', id: i.inspectionId }))) throw new EvidenceRefused();
      });
      return true;
    } catch (err) {
      if (err instanceof EvidenceRefused) return false;
      throw err;
    }
  }

  async get(inspectionId: string): Promise<Inspection | undefined> {
    const row = await this.db.selectFrom('inspections').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
    if (!row) return undefined;
    const findings = await this.db.selectFrom('inspection_findings').selectAll().where('inspection_id', '=', inspectionId).orderBy('finding_id').execute();
    return inspectionOf(row, findings.map(findingOf));
  }

  /** A hall's inspections in [from, to), newest first, with their findings. */
  async list(hallId: string, f: { from?: number; to?: number; windowId?: string; staffId?: string } = {}): Promise<Inspection[]> {
    let q = this.db.selectFrom('inspections').selectAll().where('hall_id', '=', hallId);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    if (f.windowId) q = q.where('window_id', '=', f.windowId);
    if (f.staffId) q = q.where('staff_id', '=', f.staffId);
    const rows = await q.orderBy('at', 'desc').orderBy('inspection_id').execute();
    const findings = await this.findings(hallId, { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) });
    const by = new Map<string, Finding[]>();
    for (const x of findings) by.set(x.inspectionId, [...(by.get(x.inspectionId) ?? []), x]);
    return rows.map((r) => inspectionOf(r, by.get(r.inspection_id) ?? []));
  }

  async findings(hallId: string, f: FindingFilter = {}): Promise<Finding[]> {
    let q = this.db.selectFrom('inspection_findings').selectAll().where('hall_id', '=', hallId);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    if (f.staffId) q = q.where('staff_id', '=', f.staffId);
    if (f.windowId) q = q.where('window_id', '=', f.windowId);
    if (f.contest?.length) q = q.where('contest', 'in', f.contest);
    return (await q.orderBy('at', 'desc').orderBy('finding_id').execute()).map(findingOf);
  }

  async finding(findingId: string): Promise<Finding | undefined> {
    const r = await this.db.selectFrom('inspection_findings').selectAll().where('finding_id', '=', findingId).executeTakeFirst();
    return r ? findingOf(r) : undefined;
  }

  /** Move a finding's contest from `from` to `to`; false when it was not `from` any more (nothing written). */
  async changeContest(f: Finding, from: ContestState, to: ContestState, who: { actorId: string; at: number; note?: string }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deciding = from === 'pending';
      const r = await trx
        .updateTable('inspection_findings')
        .set({ contest: to, updated_at: who.at, ...(deciding ? { decision_note: who.note ?? null, decided_by: who.actorId } : { contest_note: who.note ?? null }) })
        .where('finding_id', '=', f.findingId)
        .where('contest', '=', from)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendLog(trx, { subjectKind: 'finding', subjectId: f.findingId, hallId: f.hallId, at: who.at, actorId: who.actorId, action: deciding ? 'contest_decided' : 'contested', from, to, ...(who.note ? { note: who.note } : {}) });
      return true;
    });
  }
}
