/**
 * How long a waiting ticket will still wait before it is called (等候预估). Pure: no I/O, no clock.
 *
 * The model, simple enough to explain at the help desk (docs/tracker.md measures its error):
 *
 *     wait = (ahead × handling + work left at the busy windows) ÷ windows
 *
 *   handling  the mean start→finish minutes of the service's last RECENT_HANDLINGS completed
 *             tickets; the service's standard minutes while none is known.
 *   windows   the windows open now (someone on duty, not paused) that call the service. A window
 *             whose first tier holds the service counts 1, or its share when that tier holds
 *             several services (in proportion to who waits for each). A window that holds it in a
 *             lower tier counts only while the tiers above have nobody waiting (DESIGN.md §4).
 *   work left for each counted window: the handling minutes of its current ticket's service minus
 *             the minutes it has been served; a called ticket not yet started counts whole.
 *
 * What it cannot know: priority tickets issued later go ahead (绿色通道), a window may close or
 * pause, a no-show is re-queued in front. It is an estimate, and the tracker says so.
 */
import { windowId, type HallConfig } from '../config.js';
import type { HallEvent, HallSnapshot, TicketView, WindowView } from '../protocol.js';

/** How many recent completions of a service the mean handling time is taken over. */
export const RECENT_HANDLINGS = 20;

/** One window's part in serving a service now. */
export interface WindowLoad {
  /** Share of the window's calls that go to this service: 1, less when its tier is shared, 0 when it calls other services first. */
  share: number;
  /** Minutes before the window is free for its next ticket: 0 when idle. */
  remainingMinutes: number;
}

export interface WaitInput {
  /** Tickets the windows will call before this one. */
  ahead: number;
  /** Mean handling minutes of the service. */
  handlingMinutes: number;
  /** The open windows that call the service. */
  windows: WindowLoad[];
}

/** Whole minutes until the ticket is called, or null when no open window calls its service. */
export function estimateWait({ ahead, handlingMinutes, windows }: WaitInput): number | null {
  const capacity = windows.reduce((sum, w) => sum + w.share, 0);
  if (!(capacity > 0)) return null;
  const busy = windows.reduce((sum, w) => sum + w.share * Math.max(0, w.remainingMinutes), 0);
  return Math.max(0, Math.round((Math.max(0, ahead) * handlingMinutes + busy) / capacity));
}

/** Mean of the recent handling times; the standard minutes when there are none. */
export function meanHandling(recentMinutes: readonly number[], standardMinutes: number): number {
  if (recentMinutes.length === 0) return standardMinutes;
  return recentMinutes.reduce((a, b) => a + b, 0) / recentMinutes.length;
}

/** What is left of a window's current ticket: a called one counts whole, a started one loses what it was served. */
export function remainingMinutes(window: { state: WindowView['state']; startedAt?: number }, handling: number, now: number): number {
  if (window.state === 'called') return handling;
  if (window.state !== 'serving') return 0;
  if (window.startedAt === undefined) return handling / 2;
  return Math.max(0, handling - (now - window.startedAt) / 60_000);
}

const MINUTE = 60_000;

/**
 * A hall's load as the estimate needs it — windows, waiting counts, each window's current ticket
 * and the recent handling times per service — kept current by applying the hall's events in order.
 * Pure state: whoever holds it feeds it a snapshot and the events (the hub's relay, the bench's replay).
 */
export class HallLoad {
  private readonly windows = new Map<string, WindowView>();
  private readonly waiting = new Map<string, number>();
  /** The ticket at each window now: its service and when it started. */
  private readonly current = new Map<string, { ticketId: string; serviceId: string; startedAt?: number }>();
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly hall: HallConfig) {}

  /** Start from a snapshot: windows, waiting counts, and the current tickets among the recent calls. */
  reset(snapshot: HallSnapshot): void {
    this.windows.clear();
    this.waiting.clear();
    this.current.clear();
    for (const w of snapshot.windows) this.windows.set(w.id, w);
    for (const q of snapshot.queues) this.waiting.set(q.serviceId, q.waiting);
    for (const t of snapshot.recentCalls) if (t.windowId && this.windows.get(t.windowId)?.ticketId === t.id) this.track(t);
  }

  /** Learn handling times from past events only (priming after a restart): windows and queues come from the snapshot. */
  learn(event: HallEvent): void {
    const t = event.ticket;
    if (event.type === 'ticket.completed' && t?.startedAt !== undefined && t.finishedAt !== undefined) {
      const list = this.recent.get(t.serviceId) ?? [];
      list.push((t.finishedAt - t.startedAt) / MINUTE);
      if (list.length > RECENT_HANDLINGS) list.shift();
      this.recent.set(t.serviceId, list);
    }
  }

  apply(event: HallEvent): void {
    if (event.window) this.windows.set(event.window.id, event.window);
    for (const q of event.queues ?? []) this.waiting.set(q.serviceId, q.waiting);
    const t = event.ticket;
    if (t && (event.type === 'ticket.called' || event.type === 'ticket.recalled' || event.type === 'ticket.started')) this.track(t);
    this.learn(event);
  }

  /** Mean handling minutes of a service now. */
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
      const tier = w.tiers.findIndex((services) => services.includes(serviceId));
      if (tier < 0) continue;
      const waitingAbove = w.tiers.slice(0, tier).flat().reduce((sum, s) => sum + (this.waiting.get(s) ?? 0), 0);
      const mine = Math.max(1, this.waiting.get(serviceId) ?? 0);
      const tierWaiting = w.tiers[tier]!.reduce((sum, s) => sum + (s === serviceId ? mine : (this.waiting.get(s) ?? 0)), 0);
      const share = waitingAbove > 0 ? 0 : mine / tierWaiting;
      if (share === 0) continue;
      const cur = this.current.get(view.id);
      const theirs = cur && cur.ticketId === view.ticketId ? cur : undefined;
      const handling = this.handling(theirs?.serviceId ?? serviceId);
      loads.push({ share, remainingMinutes: remainingMinutes({ state: view.state, startedAt: theirs?.startedAt }, handling, now) });
    }
    return loads;
  }

  /** Whole minutes a ticket of this service with `ahead` before it may wait from `now`; null when no open window calls it. */
  estimate(serviceId: string, ahead: number, now: number): number | null {
    return estimateWait({ ahead, handlingMinutes: this.handling(serviceId), windows: this.windowsFor(serviceId, now) });
  }

  private track(t: TicketView): void {
    if (!t.windowId) return;
    this.current.set(t.windowId, { ticketId: t.id, serviceId: t.serviceId, ...(t.startedAt !== undefined ? { startedAt: t.startedAt } : {}) });
  }
}
