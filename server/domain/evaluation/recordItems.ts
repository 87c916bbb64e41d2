/**
 * Deductions, vetoes and bonuses from the casework (records.ts): 差评 cases, inspection findings,
 * complaints and commendations, for one staffer or one window. Rules and sources:
 * server/evaluationConfig.ts. Pure.
 *
 * - a case deducts only when verified at fault and not voided (申诉成立); an overdue case deducts
 *   per case unless voided;
 * - a finding counts unless its contest was upheld; its points and veto come from the checklist;
 * - a complaint deducts its kind's points; the veto kinds bar awards;
 * - a commendation adds its kind's bonus (the cap is applied with the categories).
 */
import type { EvaluationRules } from '../../evaluationConfig.js';
import type { CaseOutcome, Commendation, Complaint, EvaluationRecords, InspectionFinding } from './records.js';
import type { ScoreItem } from './result.js';

export const caseCounts = (c: CaseOutcome): boolean => c.atFault === true && !c.voided;
export const findingCounts = (f: InspectionFinding): boolean => f.contest !== 'upheld';

export function caseItems(cases: readonly CaseOutcome[], rules: EvaluationRules): ScoreItem[] {
  const r = rules.deductions.rating;
  const out: ScoreItem[] = [];
  for (const c of cases) {
    const refs = [{ kind: 'case' as const, id: c.caseId }, { kind: 'ticket' as const, id: c.ticketId }];
    if (caseCounts(c)) out.push({ category: 'citizen_rating', rule: 'bad_review_verified_at_fault', points: -r.badReviewVerified, veto: false, at: c.ratedAt, refs });
    if (c.overdue && !c.voided) out.push({ category: 'citizen_rating', rule: 'rectification_overdue', points: -r.rectificationOverdue, veto: false, at: c.ratedAt, refs });
  }
  return out;
}

export function complaintItems(complaints: readonly Complaint[], rules: EvaluationRules): ScoreItem[] {
  return complaints.map((c) => ({
    category: 'citizen_rating',
    rule: c.kind === 'general' ? 'complaint_verified_at_fault' : `complaint_${c.kind}`,
    points: -rules.deductions.rating.complaint[c.kind],
    veto: rules.veto.complaintKinds.includes(c.kind),
    at: c.at,
    refs: [{ kind: 'complaint', id: c.complaintId }],
  }));
}

export function findingItems(findings: readonly InspectionFinding[], rules: EvaluationRules): ScoreItem[] {
  return findings.filter(findingCounts).map((f) => ({
    category: f.category,
    rule: f.itemId,
    points: -f.points,
    veto: rules.veto.findings && f.veto,
    at: f.at,
    refs: [{ kind: 'finding', id: f.findingId }, { kind: 'inspection', id: f.inspectionId }],
  }));
}

export function bonusItems(commendations: readonly Commendation[], rules: EvaluationRules): ScoreItem[] {
  return commendations.map((c) => ({
    category: 'bonus',
    rule: `commendation_${c.kind}`,
    points: rules.bonuses[c.kind],
    veto: false,
    at: c.at,
    refs: [{ kind: 'commendation', id: c.commendationId }],
  }));
}

/** A staffer's records: what names them. */
export function staffRecordItems(staffId: string, records: EvaluationRecords, rules: EvaluationRules): ScoreItem[] {
  return [
    ...caseItems(records.cases.filter((c) => c.staffId === staffId), rules),
    ...findingItems(records.findings.filter((f) => f.staffId === staffId), rules),
    ...complaintItems(records.complaints.filter((c) => c.staffId === staffId), rules),
    ...bonusItems(records.commendations.filter((c) => c.staffId === staffId), rules),
  ];
}
