/**
 * The drill-down's reader for the casework's records: 差评 cases, inspections, their findings,
 * complaints and commendations, by id, each only when it belongs to the hall asked about.
 */
import type { RecordRef } from '../../domain/evaluation/records.js';
import type { CaseStore } from './casework/caseStore.js';
import type { InspectionStore } from './casework/inspectionStore.js';
import type { RecordStore } from './casework/recordStore.js';
import type { FoundRecords, RecordFinder } from './recordFinder.js';

export class CaseworkFinder implements RecordFinder {
  constructor(private readonly s: { cases: CaseStore; inspections: InspectionStore; records: RecordStore }) {}

  async find(hallId: string, refs: readonly RecordRef[]): Promise<FoundRecords> {
    const out: FoundRecords = new Map();
    const put = (kind: RecordRef['kind'], id: string, r: { hallId: string } | undefined) => {
      if (r && r.hallId === hallId) out.set(`${kind}:${id}`, r as unknown as Record<string, unknown>);
    };
    const ids = (kind: RecordRef['kind']) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    for (const id of ids('case')) put('case', id, await this.s.cases.get(id));
    for (const id of ids('inspection')) put('inspection', id, await this.s.inspections.get(id));
    for (const id of ids('finding')) put('finding', id, await this.s.inspections.finding(id));
    const complaints = ids('complaint');
    if (complaints.length) for (const c of await this.s.records.complaints(hallId)) if (complaints.includes(c.complaintId)) put('complaint', c.complaintId, c);
    const commendations = ids('commendation');
    if (commendations.length) for (const c of await this.s.records.commendations(hallId)) if (commendations.includes(c.commendationId)) put('commendation', c.commendationId, c);
    return out;
  }
}
