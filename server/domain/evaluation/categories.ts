/**
 * From items to a score: each category its maximum less its deductions, floored at 0 when the
 * rules say (S5, S4; S1 has no floor); bonuses summed and capped (S1 +5); total = categories +
 * bonus; the grade by the thresholds (优秀 90 · 良好 80 · 合格 60). Pure.
 */
import type { EvaluationRules } from '../../evaluationConfig.js';
import { evaluationCategories } from './records.js';
import type { CategoryScore, Grade, ScoreItem } from './result.js';

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface Scored {
  categories: CategoryScore[];
  bonus: number;
  total: number;
  vetoed: boolean;
}

export function scoreItems(items: readonly ScoreItem[], rules: EvaluationRules): Scored {
  const categories = evaluationCategories.map((category): CategoryScore => {
    const max = rules.weights[category];
    const deducted = round2(items.reduce((s, i) => (i.category === category && i.points < 0 ? s - i.points : s), 0));
    const left = round2(max - deducted);
    return { category, max, deducted, score: rules.floorPerCategory ? Math.max(0, left) : left };
  });
  const bonus = round2(Math.min(rules.bonusCap, items.reduce((s, i) => (i.category === 'bonus' && i.points > 0 ? s + i.points : s), 0)));
  const total = round2(categories.reduce((s, c) => s + c.score, 0) + bonus);
  return { categories, bonus, total, vetoed: items.some((i) => i.veto) };
}

export function gradeOf(total: number, grades: EvaluationRules['grades']): Grade {
  if (total >= grades.excellent) return 'excellent';
  if (total >= grades.good) return 'good';
  if (total >= grades.pass) return 'pass';
  return 'fail';
}

const gradeOrder: Record<Grade, number> = { excellent: 0, good: 1, pass: 2, fail: 3 };
/** This grade or better. */
export const atLeast = (grade: Grade, min: Grade): boolean => gradeOrder[grade] <= gradeOrder[min];
