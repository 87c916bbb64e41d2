/**
 * A hall's state as clients hold it: the snapshot, kept current by applying events in id order.
 * Pure and immutable (a new object per event), so Svelte's reactivity and tests see each step.
 */
import type { HallEvent, HallSnapshot, TicketView, WaitingTicketView } from '../../server/protocol.js';

const RECENT_CALLS = 20;

const without = <T extends TicketView>(list: T[], id: string): T[] => list.filter((t) => t.id !== id);

/**
 * Where a ticket that waits after this event stands in its queue: a new one from its issue, a
 * transferred one from the transfer (the event's time: transfer.lua queues it then), a re-queued
 * no-show where its event places it. The calling order sorts by it (server/domain/routing.ts).
 */
function queuedAt(event: HallEvent, t: TicketView & { queuedAt?: number }): number {
  if (t.queuedAt !== undefined) return t.queuedAt;
  return event.type === 'ticket.transferred' ? event.at : t.issuedAt;
}

export function applyEvent(state: HallSnapshot, event: HallEvent): HallSnapshot {
  let { windows, queues, recentCalls, waiting, date } = state;
  if ('window' in event && event.window) {
    const w = event.window;
    windows = windows.some((x) => x.id === w.id) ? windows.map((x) => (x.id === w.id ? w : x)) : [...windows, w];
  }
  const touched = 'queues' in event ? event.queues : undefined;
  if (touched) {
    const changed = new Map(touched.map((q) => [q.serviceId, q.waiting]));
    queues = queues.map((q) => (changed.has(q.serviceId) ? { ...q, waiting: changed.get(q.serviceId)! } : q));
    for (const q of touched) if (!queues.some((x) => x.serviceId === q.serviceId)) queues = [...queues, q];
  }
  if ('ticket' in event) {
    const t = event.ticket;
    waiting = t.status === 'waiting' ? [...without(waiting, t.id), { ...t, queuedAt: queuedAt(event, t) } satisfies WaitingTicketView] : without(waiting, t.id);
    // Recent calls are history: each entry stays as it was called (with the window that called
    // it), as the hub's snapshot keeps them.
    if (event.type === 'ticket.called' || event.type === 'ticket.recalled') {
      recentCalls = [t, ...without(recentCalls, t.id)].slice(0, RECENT_CALLS);
    }
  }
  if (event.type === 'day.rolledOver') {
    recentCalls = [];
    date = event.date;
  }
  return { ...state, lastEventId: event.id, windows, queues, recentCalls, waiting, date };
}
