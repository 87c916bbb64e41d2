/**
 * A hall's state as clients hold it: the snapshot, kept current by applying events in id order.
 * Pure and immutable (a new object per event), so Svelte's reactivity and tests see each step.
 */
import type { HallEvent, HallSnapshot, TicketView } from '../../server/protocol.js';

const RECENT_CALLS = 20;

const without = (list: TicketView[], id: string) => list.filter((t) => t.id !== id);

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
    waiting = t.status === 'waiting' ? [...without(waiting, t.id), t] : without(waiting, t.id);
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
