/**
 * The month-end job's command: freeze version 1 of a hall's month once the month is over and the
 * archive holds all of it. Idempotent: when any version exists it computes nothing and says so.
 */
import type { VersionInfo } from '../../store/archive/evaluationStore.js';
import { computeVersion, readyMonth } from './computeVersion.js';
import type { EvaluationContext, EvaluationResult } from './evaluationContext.js';

export interface FreezeMonthProps {
  hallId: string;
  month: string;
}

export async function freezeMonth(ctx: EvaluationContext, p: FreezeMonthProps): Promise<EvaluationResult<{ created: boolean; version: VersionInfo }>> {
  const existing = (await ctx.store.versions(p.hallId, p.month))[0];
  if (existing) return { ok: true, created: false, version: existing };
  const ready = await readyMonth(ctx, p.hallId, p.month);
  if (!ready.ok) return ready;
  const v = await computeVersion(ctx, ready.hall, p.month, ready.factsThrough, { trigger: 'month_end', triggeredBy: 'job' });
  return { ok: true, ...(await ctx.store.freezeFirst(v)) };
}
