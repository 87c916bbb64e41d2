/**
 * Inspections (日巡查 · 周暗访 · 明查): an inspector checks a window and its staffer against the
 * hall's checklist; each item found wanting is a finding that deducts the item's points (§7
 * conduct_etiquette) and may bar awards (veto). The staffer may contest a finding once; a manager
 * decides, and an upheld contest withdraws it. Pure.
 */
import type { ChecklistItem } from '../../casesConfig.js';
import type { ContestState, InspectionFinding, InspectionKind } from '../evaluation/records.js';

export interface Inspection {
  inspectionId: string;
  hallId: string;
  windowId: string;
  /** Who was on duty at the window when checked (absent: nobody was). */
  staffId?: string;
  kind: InspectionKind;
  /** When the check was made (the inspector's word; not in the future). */
  at: number;
  inspectorId: string;
  note?: string;
  evidence: string[];
  /** Checklist items checked and found in order (the clean ones leave no finding). */
  findings: Finding[];
  createdAt: number;
}

/** A finding with the checklist item as it was when recorded (later edits to the checklist change nothing here). */
export interface Finding extends InspectionFinding {
  label: string;
  note?: string;
  contestNote?: string;
  decisionNote?: string;
  decidedBy?: string;
}

export const inspectionRefusals = {
  unknown_item: 'the item is not on the hall’s checklist',
  duplicate_item: 'an item is listed twice',
  in_the_future: 'an inspection cannot be dated in the future',
  not_your_finding: 'a staffer contests only their own findings',
  already_contested: 'this finding has been contested already: a finding is contested once',
  not_contested: 'this finding has no pending contest to decide',
} as const;
export type InspectionRefusal = keyof typeof inspectionRefusals;

export interface FoundItem {
  itemId: string;
  note?: string;
}

/** The findings of a check from the items found wanting, or why it may not be recorded. */
export function findingsOf(
  base: Pick<Inspection, 'inspectionId' | 'hallId' | 'windowId' | 'staffId' | 'kind' | 'at'>,
  found: FoundItem[],
  checklist: readonly ChecklistItem[],
): { ok: true; findings: Finding[] } | { ok: false; reason: InspectionRefusal; item: string } {
  const items = new Map(checklist.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [n, f] of found.entries()) {
    const item = items.get(f.itemId);
    if (!item) return { ok: false, reason: 'unknown_item', item: f.itemId };
    if (seen.has(f.itemId)) return { ok: false, reason: 'duplicate_item', item: f.itemId };
    seen.add(f.itemId);
    findings.push({
      findingId: `${base.inspectionId}-${n + 1}`,
      inspectionId: base.inspectionId,
      hallId: base.hallId,
      windowId: base.windowId,
      ...(base.staffId ? { staffId: base.staffId } : {}),
      at: base.at,
      kind: base.kind,
      itemId: item.id,
      label: item.label,
      category: item.category,
      points: item.points,
      veto: item.veto,
      contest: 'none',
      ...(f.note ? { note: f.note } : {}),
    });
  }
  return { ok: true, findings };
}

/** The contest's next state: a staffer contests their own finding once; a manager decides a pending one. */
export function contestChange(
  finding: Pick<Finding, 'staffId' | 'contest'>,
  change: { contest: { staffId: string } } | { decide: { upheld: boolean } },
): { ok: true; from: ContestState; to: ContestState } | { ok: false; reason: InspectionRefusal } {
  if ('contest' in change) {
    if (finding.staffId !== change.contest.staffId) return { ok: false, reason: 'not_your_finding' };
    if (finding.contest !== 'none') return { ok: false, reason: 'already_contested' };
    return { ok: true, from: 'none', to: 'pending' };
  }
  if (finding.contest !== 'pending') return { ok: false, reason: 'not_contested' };
  return { ok: true, from: 'pending', to: change.decide.upheld ? 'upheld' : 'rejected' };
}
