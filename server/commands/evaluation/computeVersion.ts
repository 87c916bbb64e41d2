/**
 * The part both ways of freezing a month share: check the month is over and archived, read the
 * month before's latest version, evaluate.
 */
import { MONTH, monthSpan, previousMonth } from '../../domain/evaluation/month.js';
import type { MonthEvaluation } from '../../domain/evaluation/result.js';
import type { Hall } from '../../domain/hall.js';
import type { NewVersion } from '../../store/archive/evaluationStore.js';
import { refuse, type EvaluationContext, type EvaluationResult } from './evaluationContext.js';

export async function readyMonth(ctx: EvaluationContext, hallId: string, month: string): Promise<EvaluationResult<{ hall: Hall; factsThrough: number }>> {
  const hall = ctx.halls.get(hallId);
  if (!hall) return refuse('unknown_hall');
  if (!MONTH.test(month)) return refuse('bad_month');
  const { end } = monthSpan(month, hall.config.timeZone);
  if (ctx.clock() < end) return refuse('month_not_closed');
  const archived = await ctx.archivedPast(hall.id, end);
  if (!archived.done) return refuse('archive_behind');
  return { ok: true, hall, factsThrough: archived.archivedId };
}

export async function computeVersion(
  ctx: EvaluationContext,
  hall: Hall,
  month: string,
  factsThrough: number,
  by: Pick<NewVersion, 'trigger' | 'triggeredBy' | 'reason'>,
): Promise<NewVersion> {
  // 约谈 looks at the bottom of this month and the months before it (N in a row, the hall's rule).
  const previous: MonthEvaluation[] = [];
  for (let m = previousMonth(month), left = hall.config.evaluation.bottomRankedConsecutiveMonthsForTalk - 1; left > 0; m = previousMonth(m), left--) {
    const frozen = await ctx.store.get(hall.id, m);
    if (!frozen) break;
    previous.push(frozen.evaluation);
  }
  const asOf = ctx.clock();
  const { evaluation, rules } = await ctx.evaluate(hall, month, previous, asOf);
  return { hallId: hall.id, month, computedAt: asOf, factsThrough, rules, evaluation, ...by };
}
