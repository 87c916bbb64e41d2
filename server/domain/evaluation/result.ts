/**
 * What a month's evaluation (月度考核) produces: per staffer and per window, categories, every
 * deduction and bonus with the records behind it, grade, rank and awards. A month-end job freezes
 * it as a numbered version; a correction computes the next version. Rules and sources:
 * ../shared/rules/evaluation-defaults.md §7 (evaluation, awards, escalation).
 */
import type { EvaluationCategory, RecordRef } from './records.js';

/** 优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60 · 不合格 (thresholds are configuration). */
export const grades = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof grades)[number];

/** One deduction (points < 0) or bonus (points > 0), or a veto (points 0, veto true), and what caused it. */
export interface ScoreItem {
  /** The category it counts in; bonuses count in 'bonus'. */
  category: EvaluationCategory | 'bonus';
  /** The rule's key in the evaluation rules, e.g. `late_or_early_le_10min`, `bad_review_verified_at_fault`. */
  rule: string;
  points: number;
  /** 一票否决: bars awards this period. */
  veto: boolean;
  /** When it happened (epoch ms), when one moment did. */
  at?: number;
  /** The records and events that caused it (drill-down). */
  refs: RecordRef[];
}

export interface CategoryScore {
  category: EvaluationCategory;
  /** The category's maximum points (its weight). */
  max: number;
  /** Sum of its deductions (positive number), before the floor. */
  deducted: number;
  /** max − deducted, floored at 0 unless the rules say no floor. */
  score: number;
}

/** The queue and rating figures of a subject over a period (same functions live and monthly). */
export interface MetricSummary {
  served: number;
  waitAvgSeconds: number | null;
  waitP90Seconds: number | null;
  handlingAvgSeconds: number | null;
  /** Handlings over the service's standard minutes (办理超时). */
  handlingOverStandard: number;
  /** Waits over the hall's target (等候超时). */
  waitOverTarget: number;
  ticketsPerStaffedHour: number | null;
  /** serving ÷ (signed in − away), 0..1. */
  utilisation: number | null;
  /** no-shows ÷ called, 0..1. */
  noShowRate: number | null;
  transfers: number;
  /** Ratings by level, index 0 = level 1 … index 4 = level 5. */
  ratings: [number, number, number, number, number];
  /** rated ÷ served, 0..1. */
  participation: number | null;
  /** (5+4+3) ÷ all ratings. */
  satisfaction: number | null;
  /** (5+4) ÷ all ratings. */
  strictSatisfaction: number | null;
  badReviews: number;
  /** Tickets called (the denominator of 等候超时: each has a wait). */
  called?: number;
  /** Tickets with a handling time (the denominator of 办理超时). */
  handled?: number;
  /** Ratings given. */
  rated?: number;
  /** No-shows (过号), each an unanswered call. */
  noShows?: number;
  /** Signed in and not away, lunch excluded, in seconds (staff and windows; the hall sums its staff). */
  staffedSeconds?: number;
  /** Sum of handling times, in seconds. */
  servingSeconds?: number;
}

export interface StaffEvaluation {
  staffId: string;
  name: string;
  /** Windows they served on (A or B) in the month. */
  windowIds: string[];
  /** 首席代表: ranked separately for 服务之星 (S12) when the rules say so. */
  chief: boolean;
  categories: CategoryScore[];
  /** Bonus points after the cap. */
  bonus: number;
  /** Sum of category scores + bonus. */
  total: number;
  grade: Grade;
  /** 1-based rank among the hall's staff (ties share a rank). */
  rank: number;
  vetoed: boolean;
  serviceStar: boolean;
  /** At the bottom this month and the month before (约谈, S62). */
  talk: boolean;
  items: ScoreItem[];
  metrics: MetricSummary;
}

export interface WindowEvaluation {
  windowId: string;
  number: number;
  name: string;
  /** The window's own part from efficiency and ratings, 0..100. */
  efficiencyAndRating: number;
  /** Mean of its staff's totals, 0..100 (+ bonus). */
  staffMean: number;
  /** weights of the rules (default ½ · ½). */
  total: number;
  rank: number;
  redFlag: boolean;
  items: ScoreItem[];
  metrics: MetricSummary;
}

export interface MonthEvaluation {
  hallId: string;
  /** YYYY-MM */
  month: string;
  staff: StaffEvaluation[];
  windows: WindowEvaluation[];
  hall: MetricSummary;
}
