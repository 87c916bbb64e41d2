/**
 * The next few tickets a window will call, in the order call-next would take them. A preview
 * only: server/store/lua/call_next.lua is the authority (it picks atomically, and it knows each
 * ticket's exact queue time, e.g. after a no-show re-queue or a transfer, which the wire ticket
 * approximates with its issue time).
 * Order (DESIGN.md §4, server/domain/routing.ts):
 *   1. tickets transferred to this window;
 *   2. tier by tier, a lower tier only after every ticket of the tiers above: tickets transferred
 *      to a tier's service, then by priority class (classOrder, by default priority > appointment
 *      > normal) — a ticket waiting ageingMinutes or more counts as the most urgent class — then
 *      longest wait first.
 */
import type { PriorityClass, TicketView } from '../../server/protocol.js';

export interface CallPlanView {
  windowId: string;
  /** The window's services in tiers, primary tier first. */
  tiers: string[][];
  classOrder?: readonly PriorityClass[];
  ageingMinutes?: number;
}

export const defaultClassOrder: readonly PriorityClass[] = ['priority', 'appointment', 'normal'];

/** Waiting tickets this window may call, in call-next's order. */
export function waitingOrder(waiting: readonly TicketView[], plan: CallPlanView, now: number): TicketView[] {
  const classOrder = plan.classOrder ?? defaultClassOrder;
  const ageingMs = (plan.ageingMinutes ?? 30) * 60_000;
  const tierOf = new Map<string, number>();
  plan.tiers.forEach((tier, i) => tier.forEach((s) => tierOf.has(s) || tierOf.set(s, i)));

  const key = (t: TicketView): [number, number, number] | null => {
    if (t.status !== 'waiting') return null;
    if (t.transferTo === plan.windowId) return [-1, -1, t.issuedAt];
    if (t.transferTo && t.transferTo !== t.serviceId) return null; // waits for another window
    const tier = tierOf.get(t.serviceId);
    if (tier === undefined) return null;
    if (t.transferTo === t.serviceId) return [tier, -1, t.issuedAt];
    const aged = now - t.issuedAt >= ageingMs;
    const rank = aged ? 0 : Math.max(0, classOrder.indexOf(t.priority));
    return [tier, rank, t.issuedAt];
  };

  return waiting
    .map((t) => ({ t, k: key(t) }))
    .filter((x): x is { t: TicketView; k: [number, number, number] } => x.k !== null)
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0))
    .map((x) => x.t);
}
