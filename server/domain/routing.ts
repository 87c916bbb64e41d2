/**
 * The calling order (DESIGN.md §4): who a window calls next, and how many wait ahead of a ticket.
 * The one definition of it: server/store/lua/call_next.lua executes `nextTicket` atomically, and
 * _lib.lua's aheadOf (issue.lua, position.lua) executes `aheadOf`; the wait estimate and the
 * counter's "接下来" list call these functions; tests/engine/calling-order.property.test.ts proves
 * the scripts and these functions agree.
 *
 * For one window, in order:
 *   1. tickets transferred to this window, oldest transfer first;
 *   2. tier by tier, a lower tier only when every tier above is empty:
 *      a. tickets transferred to one of the tier's services, oldest transfer first;
 *      b. waiting tickets of the tier's services by class rank (`classOrder`, most urgent first)
 *         — except that a ticket waiting `ageingMinutes` or more ranks with the most urgent class,
 *         so a stream of priority tickets cannot starve a normal one — then longest wait first.
 *   Ties (the same rank and queue time, e.g. two kiosks in one millisecond): the smaller ticket id,
 *   as Redis orders a sorted set's equal scores (byte order; ids are ASCII).
 * A ticket's queue time is its issue time, the time of its transfer, or the place a no-show was
 * re-queued at (requeue.ts).
 */
import type { PriorityClass } from './ticket.js';

/** Where a waiting ticket waits: its service's class queue, or the target of its transfer. */
export type WaitPlace =
  | { kind: 'class'; serviceId: string; priority: PriorityClass }
  | { kind: 'service'; serviceId: string }
  | { kind: 'window'; windowId: string };

/** A waiting ticket as the calling order sees it. */
export interface Waiting {
  id: string;
  place: WaitPlace;
  /** The time that orders it in its queue (epoch ms; a re-queued no-show's may be fractional). */
  queuedAt: number;
}

export interface CallingRules {
  /** Rank of each class: 0 is the most urgent. */
  classRank: Record<PriorityClass, number>;
  /** A ticket queued this long ago or more ranks 0. */
  ageingMs: number;
}

/** The window that calls: its id and its services in tiers, primary first. */
export interface CallingWindow {
  id: string;
  tiers: readonly (readonly string[])[];
}

export function classRanks(classOrder: readonly PriorityClass[]): Record<PriorityClass, number> {
  return Object.fromEntries(classOrder.map((c, i) => [c, i])) as Record<PriorityClass, number>;
}

/** Has a ticket queued at `queuedAt` waited long enough at `now` to rank with the most urgent class? */
export const isAged = (queuedAt: number, now: number, ageingMs: number): boolean => now - queuedAt >= ageingMs;

/** A class-queued ticket's rank at `now`: its class's, or 0 once aged. */
export const rankAt = (priority: PriorityClass, queuedAt: number, rules: CallingRules, now: number): number =>
  isAged(queuedAt, now, rules.ageingMs) ? 0 : rules.classRank[priority];

/** Rank of a transfer: before every class (a transfer keeps its place ahead of new arrivals). */
const TRANSFER_RANK = -1;

const byTimeThenId = (a: Waiting, b: Waiting): number => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** [tier, rank] of a ticket for a window, or null when the window does not call it. Tier -1: transferred to the window. */
function placeFor(t: Waiting, window: CallingWindow, rules: CallingRules, now: number): [number, number] | null {
  const p = t.place;
  if (p.kind === 'window') return p.windowId === window.id ? [-1, TRANSFER_RANK] : null;
  // A service listed in two tiers is served in the first.
  const tier = window.tiers.findIndex((services) => services.includes(p.serviceId));
  if (tier < 0) return null;
  return [tier, p.kind === 'service' ? TRANSFER_RANK : rankAt(p.priority, t.queuedAt, rules, now)];
}

/**
 * The tier in which the window calls a service's tickets now: its first tier holding the service,
 * if every tier above it is empty (`waiting`: how many wait for a service); null when the window
 * does not serve it, or serves it below a tier that has someone waiting.
 */
export function tierCallingNow(window: Pick<CallingWindow, 'tiers'>, serviceId: string, waiting: (serviceId: string) => number): number | null {
  const tier = window.tiers.findIndex((services) => services.includes(serviceId));
  if (tier < 0) return null;
  for (let above = 0; above < tier; above++) if (window.tiers[above]!.some((s) => waiting(s) > 0)) return null;
  return tier;
}

/** Every ticket the window may call, in the order it would call them at `now` if nothing else changed. */
export function callingOrder<T extends Waiting>(waiting: Iterable<T>, window: CallingWindow, rules: CallingRules, now: number): T[] {
  const keyed: { t: T; tier: number; rank: number }[] = [];
  for (const t of waiting) {
    const k = placeFor(t, window, rules, now);
    if (k) keyed.push({ t, tier: k[0], rank: k[1] });
  }
  keyed.sort((a, b) => a.tier - b.tier || a.rank - b.rank || byTimeThenId(a.t, b.t));
  return keyed.map((k) => k.t);
}

/** The ticket the window calls next at `now`; undefined when nobody waits for it. */
export function nextTicket<T extends Waiting>(waiting: Iterable<T>, window: CallingWindow, rules: CallingRules, now: number): T | undefined {
  return callingOrder(waiting, window, rules, now)[0];
}

/**
 * "前面还有 N 人": how many tickets are called before `me` in its own queue at `now`.
 * A class-queued ticket: the tickets transferred to its service, and those of its service ahead
 * of it by (rank, queue time). A transferred one: the earlier transfers to the same window or service.
 * (It counts its service only: a window serving several services, or a transfer to a window, may
 * still come first. The estimate knows that; the count shows the citizen's own queue.)
 */
export function aheadOf(me: Waiting, waiting: Iterable<Waiting>, rules: CallingRules, now: number): number {
  const mine = me.place;
  let ahead = 0;
  if (mine.kind === 'class') {
    const myRank = rankAt(mine.priority, me.queuedAt, rules, now);
    for (const t of waiting) {
      const p = t.place;
      if (t.id === me.id || p.kind === 'window' || p.serviceId !== mine.serviceId) continue;
      if (p.kind === 'service') ahead++;
      else {
        const r = rankAt(p.priority, t.queuedAt, rules, now);
        if (r < myRank || (r === myRank && byTimeThenId(t, me) < 0)) ahead++;
      }
    }
    return ahead;
  }
  for (const t of waiting) {
    if (t.id !== me.id && samePlace(t.place, mine) && byTimeThenId(t, me) < 0) ahead++;
  }
  return ahead;
}

export function samePlace(a: WaitPlace, b: WaitPlace): boolean {
  if (a.kind === 'window') return b.kind === 'window' && a.windowId === b.windowId;
  if (a.kind === 'service') return b.kind === 'service' && a.serviceId === b.serviceId;
  return b.kind === 'class' && a.serviceId === b.serviceId && a.priority === b.priority;
}

/** A waiting ticket as the wire shows it (protocol.ts TicketView). */
export interface WaitingView {
  id: string;
  serviceId: string;
  priority: PriorityClass;
  issuedAt: number;
  transferTo?: string;
  queuedAt?: number;
}

/** Where a waiting ticket waits, read from its view: a transfer names its target; else its class queue. */
export function waitPlace(view: WaitingView): WaitPlace {
  if (view.transferTo !== undefined) {
    // A transfer to a service makes it the ticket's service (transfer.lua); anything else is a window.
    return view.transferTo === view.serviceId ? { kind: 'service', serviceId: view.serviceId } : { kind: 'window', windowId: view.transferTo };
  }
  return { kind: 'class', serviceId: view.serviceId, priority: view.priority };
}

/**
 * A waiting ticket of the wire as the calling order sees it. Views carry `queuedAt` where it
 * differs from the issue time (a transfer, a re-queued no-show: the events and the snapshot say);
 * without it the ticket waits from its issue.
 */
export const waitingOf = (view: WaitingView): Waiting => ({ id: view.id, place: waitPlace(view), queuedAt: view.queuedAt ?? view.issuedAt });
