/**
 * Call-next routing (DESIGN.md §4). The atomic script server/store/lua/call_next.lua applies it,
 * given the window's tiers, the class ranks below and the ageing limit (server/commands/callNext.ts):
 *   1. tickets transferred to this window, oldest transfer first;
 *   2. tier by tier: tickets transferred to a tier's service, then waiting tickets ranked by
 *      priority class (`classOrder`), longest wait first within a class — except that a ticket
 *      waiting `ageingMinutes` or more ranks with the most urgent class, so a stream of priority
 *      tickets cannot starve a normal one;
 *   3. a lower tier only when every tier above is empty.
 */
import type { PriorityClass } from './ticket.js';

export function classRanks(classOrder: readonly PriorityClass[]): Record<PriorityClass, number> {
  return Object.fromEntries(classOrder.map((c, i) => [c, i])) as Record<PriorityClass, number>;
}
