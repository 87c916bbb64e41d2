/**
 * 办件效能 deductions from the queue's own figures (our default, evaluation-defaults.md §7
 * efficiency): waits over the hall's target above 10 % of calls, −1 per full 2 percentage points
 * beyond; handlings over the service's standard above 10 % of handlings, likewise. The tickets
 * over are the refs. Pure.
 */
import type { EvaluationRules } from '../../evaluationConfig.js';
import type { MetricSummary, ScoreItem } from './result.js';

type RateRule = EvaluationRules['deductions']['efficiency']['waitOverTarget'];

/** Points a rate over its allowed share costs: full steps of percentage points beyond it. */
export function rateDeduction(over: number, of: number, rule: RateRule): number {
  if (of <= 0) return 0;
  // In hundredths of a percentage point, as integers, so 12 % against 10 % is exactly one step.
  const excess = Math.round((over / of) * 1_000_000) - Math.round(rule.above * 1_000_000);
  if (excess <= 0) return 0;
  return Math.floor(excess / Math.round(rule.stepPercentagePoints * 10_000)) * rule.points;
}

export function efficiencyItems(m: MetricSummary, overTargetIds: readonly string[], overStandardIds: readonly string[], rules: EvaluationRules): ScoreItem[] {
  const e = rules.deductions.efficiency;
  const out: ScoreItem[] = [];
  const wait = rateDeduction(m.waitOverTarget, m.called ?? 0, e.waitOverTarget);
  if (wait > 0) out.push({ category: 'efficiency', rule: 'wait_over_target_rate', points: -wait, veto: false, refs: overTargetIds.map((id) => ({ kind: 'ticket', id })) });
  const handling = rateDeduction(m.handlingOverStandard, m.handled ?? 0, e.handlingOverStandard);
  if (handling > 0) out.push({ category: 'efficiency', rule: 'handling_over_standard_rate', points: -handling, veto: false, refs: overStandardIds.map((id) => ({ kind: 'ticket', id })) });
  return out;
}
