/**
 * How long a waiting ticket will still wait before it is called (等候预估). Pure: no I/O, no clock.
 *
 * The model, simple enough to explain at the help desk (docs/tracker.md measures its error):
 *
 *     wait = (ahead × minutes per ticket + work left at the busy windows) ÷ windows
 *
 *   minutes per ticket  the mean call→finish minutes of the service's last RECENT_HANDLINGS
 *             completed tickets (the walk to the window included: the window is taken from the
 *             call); the service's standard minutes while none is known.
 *   windows   the windows open now (someone on duty, not paused) that call the service. A window
 *             whose first tier holds it counts 1, or its share when that tier holds several
 *             services (in proportion to who waits for each); a window that holds it in a lower
 *             tier counts only while the tiers above have nobody waiting (DESIGN.md §4).
 *   work left for each counted window: the minutes per ticket of its current ticket's service
 *             minus the minutes since that ticket was called.
 *   ahead     the tickets the windows will call first, in the hall's own calling order *at the
 *             time of the call* (routing.ts aheadOf): transfers to the service, then by class and
 *             queue time — except that a ticket waiting ageingMinutes or more by then ranks with
 *             the most urgent class. So in a busy hall a fresh 绿色通道 ticket waits behind the
 *             long-waiting normal ones, and the estimate says so; the call time depends on the
 *             estimate, so it is worked out in a few rounds.
 *
 * What it cannot know: priority tickets issued later go ahead of a normal one, a window may close
 * or pause, the next citizens may take longer. It is an estimate, and the tracker says so.
 */
import type { HallConfig } from '../config.js';
import type { HallEvent, HallSnapshot, TicketView, WindowView } from '../protocol.js';
import { windowId } from './numbering.js';
import { aheadOf, classRanks, tierCallingNow, type CallingRules, type Waiting } from './routing.js';

/** How many recent completions of a service the minutes per ticket are taken over. */
export const RECENT_HANDLINGS = 20;
const MINUTE = 60_000;
/** Rounds of "when will I be called → who is ahead then → when will I be called". */
const ROUNDS = 5;

/** One window's part in serving a service now. */
export interface WindowLoad {
  /** Share of the window's calls that go to this service: 1, less when its tier is shared. */
  share: number;
  /** Minutes before the window is free for its next ticket: 0 when idle. */
  remainingMinutes: number;
}

export interface WaitInput {
  /** Tickets the windows will call before this one. */
  ahead: number;
  /** Mean minutes a window spends on a ticket of the service. */
  handlingMinutes: number;
  /** The open windows that call the service. */
  windows: WindowLoad[];
}

/**
 * Whole minutes until the ticket is called, or null when no open window calls its service. With
 * anyone ahead it is at least 1: "前面还有 4 人 · 约 0 分钟" reads as a broken promise (issue 15),
 * and a fast morning (handlings of seconds) would round to it.
 */
export function estimateWait({ ahead, handlingMinutes, windows }: WaitInput): number | null {
  const capacity = windows.reduce((sum, w) => sum + w.share, 0);
  if (!(capacity > 0)) return null;
  const busy = windows.reduce((sum, w) => sum + w.share * Math.max(0, w.remainingMinutes), 0);
  const minutes = Math.max(0, Math.round((Math.max(0, ahead) * handlingMinutes + busy) / capacity));
  return ahead > 0 ? Math.max(1, minutes) : minutes;
}

/** Mean of the recent handling times; the standard minutes when there are none. */
export function meanHandling(recentMinutes: readonly number[], standardMinutes: number): number {
  if (recentMinutes.length === 0) return standardMinutes;
  return recentMinutes.reduce((a, b) => a + b, 0) / recentMinutes.length;
}

/** What is left of a window's current ticket: its minutes per ticket less the time since the call. */
export function remainingMinutes(window: { state: WindowView['state']; calledAt?: number }, handling: number, now: number): number {
  if (window.state !== 'called' && window.state !== 'serving') return 0;
  if (window.calledAt === undefined) return handling / 2;
  return Math.max(0, handling - (now - window.calledAt) / MINUTE);
}

/**
 * A hall's load as the estimate needs it — windows, waiting counts and tickets, each window's
 * current ticket, the recent minutes per ticket of each service — kept current by applying the
 * hall's events in order. Pure state: whoever holds it feeds it a snapshot and the events (the
 * hub's relay, the bench's replay).
 */
export class HallLoad {
  private readonly windows = new Map<string, WindowView>();
  private readonly waiting = new Map<string, number>();
  /** Tickets waiting in class queues (not transfers), with the time that orders them. */
  private readonly queue = new Map<string, Waiting & { place: { kind: 'class' } }>();
  /** The ticket at each window now: its service and when it was called. */
  private readonly current = new Map<string, { ticketId: string; serviceId: string; calledAt?: number }>();
  private readonly recent = new Map<string, number[]>();
  private readonly rules: CallingRules;

  constructor(private readonly hall: HallConfig) {
    this.rules = { classRank: classRanks(hall.rules.classOrder), ageingMs: hall.rules.ageingMinutes * MINUTE };
  }

  /** Start from a snapshot: windows, waiting counts and tickets, the current tickets among the recent calls. */
  reset(snapshot: HallSnapshot): void {
    this.windows.clear();
    this.waiting.clear();
    this.queue.clear();
    this.current.clear();
    for (const w of snapshot.windows) this.windows.set(w.id, w);
    for (const q of snapshot.queues) this.waiting.set(q.serviceId, q.waiting);
    for (const t of snapshot.waiting) if (!t.transferTo) this.enqueue(t, t.queuedAt);
    for (const t of snapshot.recentCalls) if (t.windowId && this.windows.get(t.windowId)?.ticketId === t.id) this.track(t);
  }

  /** Learn minutes per ticket from past events only (priming after a restart): the rest comes from the snapshot. */
  learn(event: HallEvent): void {
    if (event.type !== 'ticket.completed') return;
    const t = event.ticket;
    if (t.calledAt !== undefined && t.finishedAt !== undefined) {
      const list = this.recent.get(t.serviceId) ?? [];
      list.push((t.finishedAt - t.calledAt) / MINUTE);
      if (list.length > RECENT_HANDLINGS) list.shift();
      this.recent.set(t.serviceId, list);
    }
  }

  apply(event: HallEvent): void {
    if ('window' in event && event.window) this.windows.set(event.window.id, event.window);
    if ('queues' in event) for (const q of event.queues ?? []) this.waiting.set(q.serviceId, q.waiting);
    if ('ticket' in event) {
      const t = event.ticket;
      if (event.type === 'ticket.issued') this.enqueue(t, t.issuedAt);
      // A re-queued no-show's place (requeue.ts) travels in its event: read, not worked out again.
      else if (event.type === 'ticket.noShow' && event.ticket.status === 'waiting') this.enqueue(t, event.ticket.queuedAt);
      else if (event.type === 'ticket.called' || event.type === 'ticket.cancelled' || event.type === 'ticket.transferred') this.queue.delete(t.id);
      if (event.type === 'ticket.called' || event.type === 'ticket.recalled' || event.type === 'ticket.started') this.track(t);
    }
    if (event.type === 'day.swept' || event.type === 'day.rolledOver') this.queue.clear();
    this.learn(event);
  }

  /** Mean minutes per ticket of a service now. */
  handling(serviceId: string): number {
    const standard = this.hall.services.find((s) => s.id === serviceId)?.standardMinutes ?? 10;
    return meanHandling(this.recent.get(serviceId) ?? [], standard);
  }

  /** The open windows that would call a ticket of this service, each with its share and the work it has left. */
  windowsFor(serviceId: string, now: number): WindowLoad[] {
    const loads: WindowLoad[] = [];
    for (const w of this.hall.windows) {
      const view = this.windows.get(windowId(this.hall.id, w.number));
      if (!view || !view.onDuty || (view.state !== 'idle' && view.state !== 'called' && view.state !== 'serving')) continue;
      const tier = tierCallingNow(w, serviceId, (s) => this.waiting.get(s) ?? 0);
      if (tier === null) continue;
      const mine = Math.max(1, this.waiting.get(serviceId) ?? 0);
      const tierWaiting = w.tiers[tier]!.reduce((sum, s) => sum + (s === serviceId ? mine : (this.waiting.get(s) ?? 0)), 0);
      const cur = this.current.get(view.id);
      const theirs = cur && cur.ticketId === view.ticketId ? cur : undefined;
      const handling = this.handling(theirs?.serviceId ?? serviceId);
      loads.push({ share: mine / tierWaiting, remainingMinutes: remainingMinutes({ state: view.state, calledAt: theirs?.calledAt }, handling, now) });
    }
    return loads;
  }

  /**
   * Whole minutes the ticket may still wait from `now`; null when no open window calls its
   * service. `positionAhead` is the store's count now (transfers, then the calling order with
   * ageing, as position.lua counts it); the calling order at the estimated call time replaces
   * its queue part.
   */
  estimate(ticket: { id: string; serviceId: string }, positionAhead: number, now: number): number | null {
    const handlingMinutes = this.handling(ticket.serviceId);
    const windows = this.windowsFor(ticket.serviceId, now);
    const me = this.queue.get(ticket.id);
    const first = estimateWait({ ahead: positionAhead, handlingMinutes, windows });
    if (first === null || !me) return first;
    let wait: number = first;
    // The store's count includes the transfers to the service, which this load does not hold.
    const transfers = Math.max(0, positionAhead - aheadOf(me, this.queue.values(), this.rules, now));
    for (let round = 0; round < ROUNDS; round++) {
      const ahead: number = transfers + aheadOf(me, this.queue.values(), this.rules, now + wait * MINUTE);
      const next: number = estimateWait({ ahead, handlingMinutes, windows })!;
      if (next === wait) break;
      wait = next;
    }
    return wait;
  }

  private enqueue(t: TicketView, queuedAt: number): void {
    this.queue.set(t.id, { id: t.id, place: { kind: 'class', serviceId: t.serviceId, priority: t.priority }, queuedAt });
  }

  private track(t: TicketView): void {
    if (!t.windowId) return;
    this.current.set(t.windowId, { ticketId: t.id, serviceId: t.serviceId, ...(t.calledAt !== undefined ? { calledAt: t.calledAt } : {}) });
  }
}
