/**
 * Call-next routing (DESIGN.md §4), as a plan the atomic call-next script follows:
 *   1. tickets transferred to this window, oldest transfer first;
 *   2. tier by tier: tickets transferred to a tier's service, then waiting tickets ranked by
 *      priority class (`classOrder`), longest wait first within a class — except that a ticket
 *      waiting `ageingMinutes` or more ranks with the most urgent class, so a stream of priority
 *      tickets cannot starve a normal one;
 *   3. a lower tier only when every tier above is empty.
 */
import type { HallConfig, PriorityClass, WindowConfig } from '../config.js';

export interface CallPlan {
  tiers: string[][];
  /** Rank of each class, 0 = called first. */
  classRank: Record<PriorityClass, number>;
  ageingMs: number;
}

export function classRanks(classOrder: readonly PriorityClass[]): Record<PriorityClass, number> {
  return Object.fromEntries(classOrder.map((c, i) => [c, i])) as Record<PriorityClass, number>;
}

export function callPlan(hall: HallConfig, window: WindowConfig): CallPlan {
  return {
    tiers: window.tiers,
    classRank: classRanks(hall.rules.classOrder),
    ageingMs: hall.rules.ageingMinutes * 60_000,
  };
}
