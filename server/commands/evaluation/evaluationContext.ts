/**
 * What the evaluation commands need: the halls and the clock, the store of frozen versions, the
 * evaluator (facts, attendance and casework read for the month, then the pure scoring) and the
 * archive's progress. Results are `{ ok: true, … }` or a named refusal, like every command.
 */
import type { Halls } from '../context.js';
import type { MonthEvaluation } from '../../domain/evaluation/result.js';
import type { Hall } from '../../domain/hall.js';
import type { Clock } from '../../domain/time.js';
import type { EvaluationStore } from '../../store/archive/evaluationStore.js';

/** A month computed: the result, the rules it used, how far the archive's facts went. */
export interface ComputedMonth {
  evaluation: MonthEvaluation;
  rules: unknown;
}

/**
 * Computes a hall's month from its sources as they are now. `previous`: the latest versions of the
 * months before, newest first, as many as 约谈 looks back (bottom N months running) and as are
 * frozen without a gap; `asOf` judges overdue cases.
 */
export type MonthEvaluator = (hall: Hall, month: string, previous: readonly MonthEvaluation[], asOf: number) => Promise<ComputedMonth>;

export interface EvaluationContext {
  halls: Halls;
  clock: Clock;
  store: EvaluationStore;
  evaluate: MonthEvaluator;
  /** Whether every event of the hall before `t` is archived, and the last archived id. */
  archivedPast(hallId: string, t: number): Promise<{ done: boolean; archivedId: number }>;
}

export const evaluationRefusals = {
  unknown_hall: 'no such hall',
  bad_month: 'a month is YYYY-MM',
  month_not_closed: 'the month has not ended yet: it is evaluated once it is over',
  archive_behind: 'the archive has not yet caught up past the month’s end: try again in a minute',
} as const;
export type EvaluationRefusalReason = keyof typeof evaluationRefusals;
export type EvaluationResult<T> = ({ ok: true } & T) | { ok: false; reason: EvaluationRefusalReason; message: string };

export const refuse = (reason: EvaluationRefusalReason): { ok: false; reason: EvaluationRefusalReason; message: string } => ({ ok: false, reason, message: evaluationRefusals[reason] });
