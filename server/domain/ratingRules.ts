/**
 * The rules of a rating (好差评), pure so the hub and the rating pad apply the same ones.
 * One internal scale: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意 (DESIGN.md glossary);
 * 1–2 are bad reviews (差评) and need at least one reason from the hall's list.
 * Standards number the levels in opposite directions (DESIGN.md §9): GB/T 39046 uses
 * 1 = 非常满意 … 5 = 非常不满意, provincial 好差评 interfaces use ours. Convert only where a rating
 * leaves or enters the system, with the functions below.
 */
import type { RatingLevel, RefusalReason } from '../protocol.js';

/** Best first, as a pad shows them. */
export const ratingLevels: readonly RatingLevel[] = [5, 4, 3, 2, 1];

/** A comment is trimmed and kept to this many characters. */
export const MAX_COMMENT = 200;

export const isBadReview = (level: RatingLevel): boolean => level <= 2;

/** Why these reasons do not go with this level, given the hall's list; null when they do. */
export function reasonRefusal(level: RatingLevel, reasons: readonly string[], allowed: readonly string[]): Extract<RefusalReason, 'unknown_reason' | 'reason_required'> | null {
  if (reasons.some((r) => !allowed.includes(r))) return 'unknown_reason';
  if (isBadReview(level) && reasons.length === 0) return 'reason_required';
  return null;
}

/** Our level as GB/T 39046 numbers it (1 = 非常满意), and back. Provincial interfaces need no mapping. */
export const toGbt39046 = (level: RatingLevel): number => 6 - level;
export const fromGbt39046 = (code: number): RatingLevel => (6 - code) as RatingLevel;
