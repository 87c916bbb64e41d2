/**
 * A correction (更正): a manager asks for the month to be computed again — a contest upheld, an
 * appeal voided, a late record — and gets version n + 1 with what changed from version n. The
 * earlier versions stay as they were.
 */
import { diffEvaluations, type EvaluationDiff } from '../../domain/evaluation/diff.js';
import type { VersionInfo } from '../../store/archive/evaluationStore.js';
import { computeVersion, readyMonth } from './computeVersion.js';
import type { EvaluationContext, EvaluationResult } from './evaluationContext.js';

export interface RecomputeMonthProps {
  hallId: string;
  month: string;
  /** The manager's 工号. */
  by: string;
  reason: string;
}

export async function recomputeMonth(ctx: EvaluationContext, p: RecomputeMonthProps): Promise<EvaluationResult<{ version: VersionInfo; diff: EvaluationDiff | null }>> {
  const ready = await readyMonth(ctx, p.hallId, p.month);
  if (!ready.ok) return ready;
  const v = await computeVersion(ctx, ready.hall, p.month, ready.factsThrough, { trigger: 'recompute', triggeredBy: p.by, reason: p.reason });
  const version = await ctx.store.append(v);
  // Compared with the version it follows (another correction may have landed in between).
  const before = version.basedOn ? await ctx.store.get(p.hallId, p.month, version.basedOn) : undefined;
  return { ok: true, version, diff: before ? diffEvaluations(before.evaluation, v.evaluation) : null };
}
