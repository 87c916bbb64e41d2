/**
 * Complaints (投诉, verified) and commendations (表扬) a manager records against or for a staffer,
 * with a note and photos. Each is written once with its log row and its photos' attachment; there
 * is no operation that changes one.
 */
import type { Commendation, CommendationKind, Complaint, ComplaintKind } from '../../../domain/evaluation/records.js';
import type { ArchiveDb } from '../database.js';
import type { RecordRow } from '../tables.js';
import { attachEvidence, EvidenceRefused } from './evidenceStore.js';
import { appendLog } from './log.js';

export type RecordTable = 'complaints' | 'commendations';

/** What a manager recorded, beyond what the evaluation reads. */
export interface RecordDetail {
  note: string;
  evidence: string[];
  recordedBy: string;
  createdAt: number;
}
export type ComplaintRecord = Complaint & RecordDetail;
export type CommendationRecord = Commendation & RecordDetail;
type AnyRecord = ComplaintRecord | CommendationRecord;

const idOf = (r: AnyRecord): string => ('complaintId' in r ? r.complaintId : r.commendationId);

function fromRow(table: 'complaints', r: RecordRow): ComplaintRecord;
function fromRow(table: 'commendations', r: RecordRow): CommendationRecord;
function fromRow(table: RecordTable, r: RecordRow): AnyRecord {
  const common = {
    hallId: r.hall_id, staffId: r.staff_id, ...(r.window_id ? { windowId: r.window_id } : {}), at: r.at,
    note: r.note, evidence: JSON.parse(r.evidence) as string[], recordedBy: r.recorded_by, createdAt: r.created_at,
  };
  return table === 'complaints'
    ? { complaintId: r.record_id, kind: r.kind as ComplaintKind, ...common }
    : { commendationId: r.record_id, kind: r.kind as CommendationKind, ...common };
}

export class RecordStore {
  constructor(private readonly db: ArchiveDb) {}

  /** False when a photo is not the recorder's own unattached upload of this hall (nothing written). */
  async create(table: RecordTable, r: AnyRecord): Promise<boolean> {
    const id = idOf(r);
    const kind = table === 'complaints' ? 'complaint' : 'commendation';
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto(table).values({
          record_id: id, hall_id: r.hallId, staff_id: r.staffId, window_id: r.windowId ?? null, at: r.at, kind: r.kind, note: r.note,
          evidence: JSON.stringify(r.evidence), recorded_by: r.recordedBy, created_at: r.createdAt,
        }).execute();
        await appendLog(trx, { subjectKind: kind, subjectId: id, hallId: r.hallId, at: r.createdAt, actorId: r.recordedBy, action: 'recorded', note: r.note, data: { kind: r.kind, staffId: r.staffId, evidence: r.evidence } });
        if (!(await attachEvidence(trx, r.hallId, r.evidence, r.recordedBy, { kind, id }))) throw new EvidenceRefused();
      });
      return true;
    } catch (err) {
      if (err instanceof EvidenceRefused) return false;
      throw err;
    }
  }

  /** The staffer a complaint or commendation is about (who may see its photos). */
  async staffOf(table: RecordTable, recordId: string): Promise<string | undefined> {
    return (await this.db.selectFrom(table).select('staff_id').where('record_id', '=', recordId).executeTakeFirst())?.staff_id;
  }

  async complaints(hallId: string, f: { from?: number; to?: number; staffId?: string } = {}): Promise<ComplaintRecord[]> {
    return (await this.rows('complaints', hallId, f)).map((r) => fromRow('complaints', r));
  }

  async commendations(hallId: string, f: { from?: number; to?: number; staffId?: string } = {}): Promise<CommendationRecord[]> {
    return (await this.rows('commendations', hallId, f)).map((r) => fromRow('commendations', r));
  }

  private async rows(table: RecordTable, hallId: string, f: { from?: number; to?: number; staffId?: string }): Promise<RecordRow[]> {
    let q = this.db.selectFrom(table).selectAll().where('hall_id', '=', hallId);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    if (f.staffId) q = q.where('staff_id', '=', f.staffId);
    return q.orderBy('at', 'desc').orderBy('record_id').execute();
  }
}
