/**
 * Response schemas of the evaluation API, typed against domain/evaluation (result.ts, diff.ts) so
 * the OpenAPI document cannot drift from what the routes send.
 */
import { z } from 'zod';
import { evaluationCategories } from '../domain/evaluation/records.js';
import type { EvaluationDiff, SubjectDiff } from '../domain/evaluation/diff.js';
import { grades, type CategoryScore, type MetricSummary, type ScoreItem, type StaffEvaluation, type WindowEvaluation } from '../domain/evaluation/result.js';
import { evaluationTriggers, type VersionInfo } from '../store/archive/evaluationStore.js';

const recordKinds = ['ticket', 'event', 'attendance', 'case', 'inspection', 'finding', 'complaint', 'commendation'] as const;
export const recordRefSchema = z.object({ kind: z.enum(recordKinds), id: z.string() });

export const scoreItemSchema: z.ZodType<ScoreItem> = z
  .object({
    category: z.enum([...evaluationCategories, 'bonus']),
    rule: z.string(),
    points: z.number(),
    veto: z.boolean(),
    at: z.number().optional(),
    refs: z.array(recordRefSchema),
  })
  .meta({ id: 'ScoreItem', description: 'a deduction (points < 0), bonus (> 0) or veto, with the records behind it' });

const categorySchema: z.ZodType<CategoryScore> = z.object({ category: z.enum(evaluationCategories), max: z.number(), deducted: z.number(), score: z.number() });
const rate = z.number().nullable();
export const metricSummarySchema: z.ZodType<MetricSummary> = z
  .object({
    served: z.number(), waitAvgSeconds: rate, waitP90Seconds: rate, handlingAvgSeconds: rate, handlingOverStandard: z.number(), waitOverTarget: z.number(),
    ticketsPerStaffedHour: rate, utilisation: rate, noShowRate: rate, transfers: z.number(),
    ratings: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
    participation: rate, satisfaction: rate, strictSatisfaction: rate, badReviews: z.number(),
    called: z.number().optional(), handled: z.number().optional(), rated: z.number().optional(), noShows: z.number().optional(),
    staffedSeconds: z.number().optional(), servingSeconds: z.number().optional(),
  })
  .strict()
  .meta({ id: 'MetricSummary' });

const staffObject = z
  .object({
    staffId: z.string(), name: z.string(), windowIds: z.array(z.string()), chief: z.boolean(), categories: z.array(categorySchema),
    bonus: z.number(), total: z.number(), grade: z.enum(grades), rank: z.number(), vetoed: z.boolean(), serviceStar: z.boolean(), talk: z.boolean(),
    items: z.array(scoreItemSchema), metrics: metricSummarySchema,
  }) satisfies z.ZodType<StaffEvaluation>;
export const staffEvaluationSchema = staffObject.meta({ id: 'StaffEvaluation' });
/** A staffer's row without its items (the drill-down lists them with their records). */
export const staffRowSchema = staffObject.omit({ items: true });

const windowObject = z
  .object({
    windowId: z.string(), number: z.number(), name: z.string(), efficiencyAndRating: z.number(), staffMean: z.number(), total: z.number(),
    rank: z.number(), redFlag: z.boolean(), items: z.array(scoreItemSchema), metrics: metricSummarySchema,
  }) satisfies z.ZodType<WindowEvaluation>;
export const windowEvaluationSchema = windowObject.meta({ id: 'WindowEvaluation' });
export const windowRowSchema = windowObject.omit({ items: true });

/** A month as a reader may see it: staff see only their own row, and no windows or hall figures. */
export const monthEvaluationSchema = z
  .object({
    hallId: z.string(), month: z.string(), staff: z.array(staffEvaluationSchema), windows: z.array(windowEvaluationSchema), hall: metricSummarySchema.nullable(),
  })
  .meta({ id: 'MonthEvaluation' });

export const versionInfoSchema: z.ZodType<VersionInfo> = z
  .object({
    hallId: z.string(), month: z.string(), version: z.number(), computedAt: z.number(), trigger: z.enum(evaluationTriggers), triggeredBy: z.string(),
    reason: z.string().optional(), basedOn: z.number().optional(), factsThrough: z.number().optional(),
  })
  .meta({ id: 'EvaluationVersion', description: 'a frozen version: when, why and by whom it was computed' });

const change = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t });
const subjectDiffSchema: z.ZodType<SubjectDiff> = z.object({
  subject: z.enum(['staff', 'window']), id: z.string(), name: z.string(), status: z.enum(['added', 'removed', 'changed']),
  total: change(z.number().nullable()).optional(), grade: change(z.string().nullable()).optional(), rank: change(z.number().nullable()).optional(),
  awardsGained: z.array(z.enum(['service_star', 'talk', 'veto', 'red_flag'])), awardsLost: z.array(z.enum(['service_star', 'talk', 'veto', 'red_flag'])),
  itemsAdded: z.array(scoreItemSchema), itemsRemoved: z.array(scoreItemSchema),
});
export const diffSchema: z.ZodType<EvaluationDiff> = z
  .object({ staff: z.array(subjectDiffSchema), windows: z.array(subjectDiffSchema), same: z.boolean() })
  .meta({ id: 'EvaluationDiff', description: 'what changed between two versions, per staffer and window' });

/** A record an item points at, as the drill-down finds it (found false: not kept, or not readable here). */
export const resolvedRefSchema = z.object({ kind: z.enum(recordKinds), id: z.string(), found: z.boolean(), record: z.record(z.string(), z.unknown()).optional() });
export const drillItemSchema = z.object({
  category: z.enum([...evaluationCategories, 'bonus']), rule: z.string(), points: z.number(), veto: z.boolean(), at: z.number().optional(), refs: z.array(resolvedRefSchema),
});
