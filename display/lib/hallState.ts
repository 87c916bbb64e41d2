/**
 * A hall's state as clients hold it: the snapshot of their view, kept current by applying that
 * view's events in id order. Pure and immutable (a new object per event), so Svelte's reactivity
 * and tests see each step.
 */
import type {
  BoardEvent,
  BoardSnapshot,
  CountsEvent,
  CountsSnapshot,
  EventOf,
  HallEvent,
  HallSnapshot,
  QueueCount,
  SnapshotOf,
  TicketEvent,
  TicketSnapshot,
  TicketView,
  ViewKind,
  WaitingTicketView,
  WindowEvent,
  WindowSnapshot,
} from '../../server/protocol.js';

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

const replaced = <W extends { id: string }>(list: W[], w: W): W[] => (list.some((x) => x.id === w.id) ? list.map((x) => (x.id === w.id ? w : x)) : [...list, w]);

function merged(queues: QueueCount[], touched: QueueCount[] | undefined): QueueCount[] {
  if (!touched) return queues;
  const changed = new Map(touched.map((q) => [q.serviceId, q.waiting]));
  let out = queues.map((q) => (changed.has(q.serviceId) ? { ...q, waiting: changed.get(q.serviceId)! } : q));
  for (const q of touched) if (!out.some((x) => x.serviceId === q.serviceId)) out = [...out, q];
  return out;
}

/** The whole hall (counters, managers). */
export function applyEvent<S extends HallSnapshot>(state: S, event: HallEvent): S {
  let { windows, queues, recentCalls, waiting, date } = state;
  if ('window' in event && event.window) windows = replaced(windows, event.window);
  queues = merged(queues, 'queues' in event ? event.queues : undefined);
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

/** A hall screen: windows, counts, and the call (with the window that made it) at the head of the recent calls. */
export function applyBoardEvent(state: BoardSnapshot, event: BoardEvent): BoardSnapshot {
  let { windows, recentCalls, date } = state;
  const w = event.window;
  if (w) windows = replaced(windows, w);
  if (event.ticket) {
    const call = { id: event.ticket.id, number: event.ticket.number, ...(w ? { windowId: w.id, windowNumber: w.number } : {}) };
    recentCalls = [call, ...recentCalls.filter((c) => c.id !== call.id)].slice(0, RECENT_CALLS);
  }
  if (event.type === 'day.rolledOver') {
    recentCalls = [];
    date = event.date ?? date;
  }
  return { ...state, lastEventId: event.id, windows, queues: merged(state.queues, event.queues), recentCalls, date };
}

/** A kiosk: the counts and the day. */
export function applyCountsEvent(state: CountsSnapshot, event: CountsEvent): CountsSnapshot {
  const date = event.type === 'day.rolledOver' ? (event.date ?? state.date) : state.date;
  return { ...state, lastEventId: event.id, queues: merged(state.queues, event.queues), date };
}

/** A window screen or pad: its window. */
export function applyWindowEvent(state: WindowSnapshot, event: WindowEvent): WindowSnapshot {
  const window = event.window?.id === state.windowId ? event.window : state.window;
  return { ...state, lastEventId: event.id, ...(window ? { window } : {}) };
}

/** A phone: only the position in the log (it reads its ticket over HTTP). */
export function applyTicketEvent(state: TicketSnapshot, event: TicketEvent): TicketSnapshot {
  return { ...state, lastEventId: event.id };
}

type Applier<V extends ViewKind> = (state: SnapshotOf<V>, event: EventOf<V>) => SnapshotOf<V>;
const appliers: { [V in ViewKind]: Applier<V> } = {
  full: applyEvent,
  board: applyBoardEvent,
  counts: applyCountsEvent,
  window: applyWindowEvent,
  ticket: applyTicketEvent,
};

export const applierOf = <V extends ViewKind>(view: V): Applier<V> => appliers[view];
