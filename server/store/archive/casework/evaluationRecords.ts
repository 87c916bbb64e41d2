/**
 * The casework as the monthly evaluation reads it (server/domain/evaluation/records.ts): each
 * record reduced to plain data. Cases are judged as they stood at `asOf` (outcome.ts caseOutcome);
 * findings carry their contest as it is now (an upheld contest withdraws a finding).
 */
import { caseOutcome } from '../../../domain/cases/outcome.js';
import type { EvaluationRecords, EvaluationRecordsSource } from '../../../domain/evaluation/records.js';
import type { ArchiveDb } from '../database.js';
import { CaseStore } from './caseStore.js';
import { InspectionStore } from './inspectionStore.js';
import { RecordStore } from './recordStore.js';
import { byCodeUnits } from '../../../domain/order.js';

export class CaseworkRecords implements EvaluationRecordsSource {
  private readonly cases: CaseStore;
  private readonly inspections: InspectionStore;
  private readonly records: RecordStore;

  constructor(db: ArchiveDb) {
    this.cases = new CaseStore(db);
    this.inspections = new InspectionStore(db);
    this.records = new RecordStore(db);
  }

  async recordsFor(hallId: string, from: number, to: number, asOf: number): Promise<EvaluationRecords> {
    const span = { from, to };
    const [cases, findings, complaints, commendations] = await Promise.all([
      this.cases.list(hallId, { ratedFrom: from, ratedTo: to }),
      this.inspections.findings(hallId, span),
      this.records.complaints(hallId, span),
      this.records.commendations(hallId, span),
    ]);
    return {
      cases: cases.map((c) => caseOutcome(c, asOf)).sort((a, b) => a.ratedAt - b.ratedAt || byCodeUnits(a.caseId, b.caseId)),
      findings: findings
        .map(({ findingId, inspectionId, hallId: h, windowId, staffId, at, kind, itemId, category, points, veto, contest }) => ({
          findingId, inspectionId, hallId: h, windowId, ...(staffId ? { staffId } : {}), at, kind, itemId, category, points, veto, contest,
        }))
        .sort((a, b) => a.at - b.at || byCodeUnits(a.findingId, b.findingId)),
      complaints: complaints.map(({ complaintId, hallId: h, staffId, windowId, at, kind }) => ({ complaintId, hallId: h, staffId, ...(windowId ? { windowId } : {}), at, kind })).sort((a, b) => a.at - b.at),
      commendations: commendations.map(({ commendationId, hallId: h, staffId, windowId, at, kind }) => ({ commendationId, hallId: h, staffId, ...(windowId ? { windowId } : {}), at, kind })).sort((a, b) => a.at - b.at),
    };
  }
}
