/**
 * A window's score (红旗窗口 ranking): its own part from efficiency and ratings, scaled to 100,
 * weighed with its staff's mean (our default ½ · ½, evaluation-defaults.md §7 window_score).
 * Own part: the efficiency and rating categories at the window — waits and handlings over their
 * lines, 空岗, verified 差评 and overdue cases at the window, complaints naming it — each
 * floored like a staffer's, as a share of their maxima × base; less what inspections found at the
 * window with no staffer named (S9: a notice against the window), floored at 0.
 * Its staff: the A and B posts' totals (or, with no roster, whoever served there). Pure.
 */
import type { EvaluationRules } from '../../evaluationConfig.js';
import type { AttendancePeriod } from '../attendance/period.js';
import { caseItems, complaintItems, findingItems } from './recordItems.js';
import { efficiencyItems } from './efficiencyItems.js';
import { round2, scoreItems } from './categories.js';
import type { EvaluationRecords } from './records.js';
import type { MetricSummary, ScoreItem } from './result.js';

export interface WindowOwn {
  own: number;
  items: ScoreItem[];
  vetoed: boolean;
}

export function windowOwnPart(
  windowId: string,
  metrics: MetricSummary,
  overTargetIds: readonly string[],
  overStandardIds: readonly string[],
  period: AttendancePeriod,
  records: EvaluationRecords,
  rules: EvaluationRules,
): WindowOwn {
  const kongang: ScoreItem[] = [];
  for (const day of period.days) {
    const w = day.windows.find((x) => x.windowId === windowId);
    for (let i = 0; i < (w?.kongang.count ?? 0); i++)
      kongang.push({ category: 'efficiency', rule: 'uncovered_window_kongang', points: -rules.deductions.attendance.kongang, veto: false, refs: [{ kind: 'attendance', id: `${windowId}:${day.date}` }] });
  }
  const scored: ScoreItem[] = [
    ...efficiencyItems(metrics, overTargetIds, overStandardIds, rules),
    ...kongang,
    ...caseItems(records.cases.filter((c) => c.windowId === windowId), rules),
    ...complaintItems(records.complaints.filter((c) => c.windowId === windowId), rules),
  ];
  const inspected = findingItems(records.findings.filter((f) => f.windowId === windowId && f.staffId === undefined), rules);
  const { categories } = scoreItems(scored, rules);
  const parts = categories.filter((c) => c.category === 'efficiency' || c.category === 'citizen_rating');
  const max = parts.reduce((s, c) => s + c.max, 0);
  const share = max > 0 ? parts.reduce((s, c) => s + c.score, 0) / max : 1;
  const found = inspected.reduce((s, i) => s - i.points, 0);
  const items = [...scored, ...inspected];
  return { own: round2(Math.max(0, share * rules.base - found)), items, vetoed: items.some((i) => i.veto) };
}
