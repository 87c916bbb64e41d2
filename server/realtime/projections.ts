/**
 * Cut the hall's events and snapshot to what each view shows (server/views.ts). Pure: the hub
 * cuts each event once per view (once per window for window screens) and sends the same bytes to
 * every client of that view; a catch-up cuts the same way, so a client sees the same whether an
 * event reached it live or on reconnect.
 */
import type { HallEvent, HallSnapshot, WindowView } from '../protocol.js';
import type { BoardCall, BoardEvent, BoardSnapshot, BoardWindow, CountsEvent, CountsSnapshot, TicketEvent, TicketSnapshot, WindowEvent, WindowSnapshot } from '../views.js';

/** The hall as the store reads it, with or without its waiting tickets. */
export type HallState = Omit<HallSnapshot, 'waiting'> & { waiting?: HallSnapshot['waiting'] };

const showsTicket = (state: WindowView['state']) => state === 'called' || state === 'serving';

export function boardWindowOf(w: WindowView): BoardWindow {
  return { id: w.id, number: w.number, state: w.state, ...(w.ticketNumber !== undefined && showsTicket(w.state) ? { ticketNumber: w.ticketNumber } : {}) };
}

const head = (e: HallEvent) => ({ id: e.id, type: e.type, at: e.at });
const windowOf = (e: HallEvent): WindowView | undefined => ('window' in e ? e.window : undefined);
const queuesOf = (e: HallEvent) => ('queues' in e ? e.queues : undefined);
/** The business day that begins: only the rollover changes a client's day (display/lib/hallState.ts). */
const newDay = (e: HallEvent) => (e.type === 'day.rolledOver' ? e.date : undefined);

/** A hall screen: window states, the call (number and window, to say aloud), counts, the day. Null: nothing it shows changed. */
export function boardEvent(e: HallEvent): BoardEvent | null {
  const w = windowOf(e);
  const queues = queuesOf(e);
  const date = newDay(e);
  const call = e.type === 'ticket.called' || e.type === 'ticket.recalled';
  if (!w && !queues && date === undefined) return null;
  return {
    ...head(e),
    ...(call ? { ticket: { id: e.ticket.id, number: e.ticket.number } } : {}),
    ...(w ? { window: boardWindowOf(w) } : {}),
    ...(queues ? { queues } : {}),
    ...(date !== undefined ? { date } : {}),
  };
}

/** A kiosk: the counts, and the day's turn (it then asks which services issue). */
export function countsEvent(e: HallEvent): CountsEvent | null {
  const queues = queuesOf(e);
  const date = newDay(e);
  if (!queues && date === undefined) return null;
  return { ...head(e), ...(queues ? { queues } : {}), ...(date !== undefined ? { date } : {}) };
}

/** A window screen or pad of `windowId`: its window, and a ticket it calls, serves or was rated for. */
export function windowEvent(e: HallEvent, windowId: string): WindowEvent | null {
  const w = windowOf(e);
  const t = 'ticket' in e ? e.ticket : undefined;
  const mineWindow = w?.id === windowId;
  const mineTicket = t?.windowId === windowId;
  if (!mineWindow && !mineTicket) return null;
  return {
    ...head(e),
    ...(mineWindow ? { window: w } : {}),
    ...(mineTicket ? { ticket: { id: t.id, number: t.number, windowId, ...(t.windowNumber !== undefined ? { windowNumber: t.windowNumber } : {}) } } : {}),
  };
}

/** A phone: which ticket the event is about (its own, or one of its queue); it reads its position over HTTP. */
export function ticketEvent(e: HallEvent): TicketEvent {
  return { ...head(e), ...('ticket' in e ? { ticket: { id: e.ticket.id } } : {}) };
}

export function boardSnapshotOf(s: HallState): BoardSnapshot {
  const recentCalls = s.recentCalls.map(
    (t): BoardCall => ({
      id: t.id,
      number: t.number,
      ...(t.windowId !== undefined ? { windowId: t.windowId } : {}),
      ...(t.windowNumber !== undefined ? { windowNumber: t.windowNumber } : {}),
    }),
  );
  return { view: 'board', hallId: s.hallId, lastEventId: s.lastEventId, date: s.date, windows: s.windows.map(boardWindowOf), queues: s.queues, recentCalls };
}

export function countsSnapshotOf(s: HallState): CountsSnapshot {
  return { view: 'counts', hallId: s.hallId, lastEventId: s.lastEventId, date: s.date, queues: s.queues };
}

export function windowSnapshotOf(s: HallState, windowId: string): WindowSnapshot {
  const window = s.windows.find((w) => w.id === windowId);
  return { view: 'window', hallId: s.hallId, lastEventId: s.lastEventId, date: s.date, windowId, ...(window ? { window } : {}) };
}

export function ticketSnapshotOf(s: Pick<HallState, 'hallId' | 'lastEventId' | 'date'>, ticketId: string): TicketSnapshot {
  return { view: 'ticket', hallId: s.hallId, lastEventId: s.lastEventId, date: s.date, ticketId };
}
