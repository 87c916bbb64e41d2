/**
 * Who hears which event. A hall screen, a dashboard, a kiosk and a counter follow the whole hall;
 * a window screen and a rating pad follow one window; a citizen's phone follows one ticket and
 * the queue of its service.
 */
import type { HallEvent } from '../protocol.js';

export type Scope =
  | { kind: 'hall'; hallId: string }
  /** A manager's desk: every event of the hall, and the desk's own notices (roster, leave). */
  | { kind: 'desk'; hallId: string }
  | { kind: 'window'; hallId: string; windowId: string }
  | { kind: 'ticket'; hallId: string; ticketId: string; serviceId: string };

export const hallRoom = (hallId: string) => `hall:${hallId}`;
export const windowRoom = (windowId: string) => `window:${windowId}`;
export const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;
export const serviceRoom = (hallId: string, serviceId: string) => `service:${hallId}:${serviceId}`;
export const deskRoom = (hallId: string) => `desk:${hallId}`;

export function roomsOf(scope: Scope): string[] {
  switch (scope.kind) {
    case 'hall':
      return [hallRoom(scope.hallId)];
    case 'desk':
      return [hallRoom(scope.hallId), deskRoom(scope.hallId)];
    case 'window':
      return [windowRoom(scope.windowId)];
    case 'ticket':
      return [ticketRoom(scope.ticketId), serviceRoom(scope.hallId, scope.serviceId)];
  }
}

/** Every room an event goes to. */
export function roomsFor(event: HallEvent): string[] {
  const rooms = [hallRoom(event.hallId)];
  const windowId = 'window' in event ? event.window?.id : undefined;
  if (windowId) rooms.push(windowRoom(windowId));
  if ('ticket' in event) {
    const t = event.ticket;
    rooms.push(ticketRoom(t.id));
    if (t.windowId && t.windowId !== windowId) rooms.push(windowRoom(t.windowId));
    if (t.transferTo && t.transferTo !== windowId) rooms.push(windowRoom(t.transferTo));
  }
  if ('queues' in event) for (const q of event.queues ?? []) rooms.push(serviceRoom(event.hallId, q.serviceId));
  return rooms;
}

/** Does a client of this scope receive this event? (Catch-up sends it the same events as live.) */
export const visibleTo = (scope: Scope, event: HallEvent): boolean => {
  const mine = new Set(roomsOf(scope));
  return roomsFor(event).some((r) => mine.has(r));
};
