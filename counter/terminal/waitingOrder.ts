/**
 * The next tickets a window will call, for the counter's "接下来（按叫号顺序）" list: the hall's
 * calling order itself (server/domain/routing.ts callingOrder, which call_next.lua executes), over
 * the waiting tickets the counter holds. Each carries its place in its queue (`queuedAt`: the
 * snapshot and the events give it), so a re-queued no-show shows where F1 will take it, not at
 * its old issue time.
 */
import { callingOrder, classRanks, waitingOf } from '../../server/domain/routing.js';
import type { PriorityClass, TicketView } from '../../server/protocol.js';

export interface CallPlanView {
  windowId: string;
  /** The window's services in tiers, primary tier first. */
  tiers: string[][];
  classOrder: readonly PriorityClass[];
  ageingMinutes: number;
}

/** Waiting tickets this window may call, in call-next's order at `now`. */
export function waitingOrder<T extends TicketView & { queuedAt?: number }>(waiting: readonly T[], plan: CallPlanView, now: number): T[] {
  const rules = { classRank: classRanks(plan.classOrder), ageingMs: plan.ageingMinutes * 60_000 };
  const entries = waiting.filter((t) => t.status === 'waiting').map((t) => ({ ...waitingOf(t), view: t }));
  return callingOrder(entries, { id: plan.windowId, tiers: plan.tiers }, rules, now).map((e) => e.view);
}
