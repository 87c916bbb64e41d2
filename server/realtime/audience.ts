/**
 * Who hears which event, and in which cut (server/views.ts). A counter terminal or a manager
 * follows the whole hall (view full), a hall screen its board, a kiosk the counts; a window
 * screen and a rating pad follow one window; a citizen's phone follows one ticket and the queue
 * of its service.
 *
 * Rooms: every hall-scoped client is in its hall's room (for what is not an event: printer
 * status) and in its view's room (events); a view's clients all receive the same cut, so the hub
 * cuts and encodes each event once per view room, never per socket.
 */
import type { Principal } from '../auth/principals.js';
import type { EventOf, HallEvent, ViewEvent, ViewKind } from '../protocol.js';
import { boardEvent, countsEvent, ticketEvent, windowEvent } from './projections.js';

export type HallView = Extract<ViewKind, 'full' | 'board' | 'counts'>;

export type Scope =
  /** `desk`: a manager's desk (managers and admins only), also in the desk's room for its notices (roster, leave). */
  | { kind: 'hall'; hallId: string; view: HallView; desk?: true }
  | { kind: 'window'; hallId: string; windowId: string }
  | { kind: 'ticket'; hallId: string; ticketId: string; serviceId: string };

/** Every hall-scoped client of the hall, whatever its view: not for events. */
export const hallRoom = (hallId: string) => `hall:${hallId}`;
/** The hall-scoped clients of one view: each event's cut for that view goes here. */
export const viewRoom = (hallId: string, view: HallView) => `view:${view}:${hallId}`;
export const windowRoom = (windowId: string) => `window:${windowId}`;
export const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;
export const serviceRoom = (hallId: string, serviceId: string) => `service:${hallId}:${serviceId}`;
/** A hall's managers' desks: the desk's notices that are not events (roster, leave). */
export const deskRoom = (hallId: string) => `desk:${hallId}`;

/** What a hall-scoped principal sees: a hall screen its board, a kiosk the counts, people the whole hall. */
export function hallViewOf(principal: Principal): HallView {
  if (principal.kind === 'device' && principal.device === 'hall-screen') return 'board';
  if (principal.kind === 'device' && principal.device === 'kiosk') return 'counts';
  return 'full';
}

export const viewOf = (scope: Scope): ViewKind => (scope.kind === 'hall' ? scope.view : scope.kind);

export function roomsOf(scope: Scope): string[] {
  switch (scope.kind) {
    case 'hall':
      return [hallRoom(scope.hallId), viewRoom(scope.hallId, scope.view), ...(scope.desk ? [deskRoom(scope.hallId)] : [])];
    case 'window':
      return [windowRoom(scope.windowId)];
    case 'ticket':
      return [ticketRoom(scope.ticketId), serviceRoom(scope.hallId, scope.serviceId)];
  }
}

/** The windows an event concerns: the one it changed, the ticket's, the one it was transferred to. */
function windowsOf(event: HallEvent): string[] {
  const ids = new Set<string>();
  if ('window' in event && event.window) ids.add(event.window.id);
  if ('ticket' in event) {
    if (event.ticket.windowId) ids.add(event.ticket.windowId);
    if (event.ticket.transferTo) ids.add(event.ticket.transferTo);
  }
  return [...ids];
}

/** The phones an event concerns: its ticket's, and those waiting in a queue it changed. */
function phoneRooms(event: HallEvent): string[] {
  const rooms: string[] = [];
  if ('ticket' in event) rooms.push(ticketRoom(event.ticket.id));
  if ('queues' in event) for (const q of event.queues ?? []) rooms.push(serviceRoom(event.hallId, q.serviceId));
  return rooms;
}

/** One emit: these rooms, this cut. */
export interface Delivery {
  rooms: string[];
  payload: ViewEvent;
}

/**
 * Every cut of an event and the rooms it goes to; a view that shows nothing of it gets nothing.
 * `followed` says which rooms have someone in them here: a cut is made only for those (at a burst
 * of issues, most events concern rooms nobody on this hub follows, and cutting them is garbage).
 */
export function deliveries(event: HallEvent, followed: (room: string) => boolean = () => true): Delivery[] {
  const out: Delivery[] = [];
  const add = (rooms: string[], cut: () => ViewEvent | null) => {
    if (!rooms.some(followed)) return;
    const payload = cut();
    if (payload) out.push({ rooms, payload });
  };
  add([viewRoom(event.hallId, 'full')], () => event);
  add([viewRoom(event.hallId, 'board')], () => boardEvent(event));
  add([viewRoom(event.hallId, 'counts')], () => countsEvent(event));
  for (const windowId of windowsOf(event)) add([windowRoom(windowId)], () => windowEvent(event, windowId));
  add(phoneRooms(event), () => ticketEvent(event));
  return out;
}

/** The cut of an event a client of this scope receives, or null (a catch-up sends it the same as live). */
export function cutFor<S extends Scope>(scope: S, event: HallEvent): EventOf<ViewKind> | null {
  switch (scope.kind) {
    case 'hall':
      return scope.view === 'full' ? event : scope.view === 'board' ? boardEvent(event) : countsEvent(event);
    case 'window':
      return windowsOf(event).includes(scope.windowId) ? windowEvent(event, scope.windowId) : null;
    case 'ticket': {
      const mine = new Set([ticketRoom(scope.ticketId), serviceRoom(scope.hallId, scope.serviceId)]);
      return phoneRooms(event).some((r) => mine.has(r)) ? ticketEvent(event) : null;
    }
  }
}
