/**
 * What each kind of client is sent: its snapshot and its events, cut to what it shows
 * (server/realtime/projections.ts cuts them; server/realtime/audience.ts says who gets which).
 * One zod schema per shape, strict like events.ts, so a field the hub starts to send fails the
 * tests until it is declared here; protocol.ts derives the wire types with `import type` only.
 *
 * - full:   counter terminals and managers' pages — the whole hall, every event whole.
 * - board:  hall screens (综合屏) — window states, the calls, waiting counts; never a waiting
 *           ticket, a staffer or a token.
 * - counts: kiosks (取号机) — waiting counts, and the day's turn.
 * - window: window screens (窗口屏) and rating pads (评价器) — their own window (who is on duty,
 *           its state) and its tickets' numbers.
 * - ticket: a citizen's phone — which event happened to which ticket; the phone reads its own
 *           position over HTTP.
 */
import { z } from 'zod';
import { hallEventTypes, queueCount, windowStates, windowView, type HallEvent } from './events.js';

export const viewKinds = ['full', 'board', 'counts', 'window', 'ticket'] as const;
export type ViewKind = (typeof viewKinds)[number];

const text = z.string().min(1);
const time = z.number();
const eventId = z.number().int().positive();
const type = z.enum(hallEventTypes as [HallEvent['type'], ...HallEvent['type'][]]);
/** Every snapshot: which view, the hall, the last event it includes, the business day. */
const head = { hallId: text, lastEventId: z.number().int().nonnegative(), date: z.string() };
/** Every projected event: its id, type and the hub's time. The hall is the client's own: not repeated. */
const eventHead = { id: eventId, type, at: time };

/** A window as a hall screen draws it: number, state, the ticket it calls or serves. */
export const boardWindow = z.strictObject({ id: text, number: z.number().int().positive(), state: z.enum(windowStates), ticketNumber: text.optional() });
/** A call as a hall screen lists it. */
export const boardCall = z.strictObject({ id: text, number: text, windowId: text.optional(), windowNumber: z.number().int().positive().optional() });

export const boardSnapshot = z.strictObject({ view: z.literal('board'), ...head, windows: z.array(boardWindow), queues: z.array(queueCount), recentCalls: z.array(boardCall) });
/** ticket: only on a call or recall (what is said aloud); window: its new state; queues: the counts it changed. */
export const boardEvent = z.strictObject({
  ...eventHead,
  ticket: z.strictObject({ id: text, number: text }).optional(),
  window: boardWindow.optional(),
  queues: z.array(queueCount).optional(),
  date: z.string().optional(),
});

export const countsSnapshot = z.strictObject({ view: z.literal('counts'), ...head, queues: z.array(queueCount) });
export const countsEvent = z.strictObject({ ...eventHead, queues: z.array(queueCount).optional(), date: z.string().optional() });

/** A window's own ticket, as its screen flashes and its pad asks about it. */
export const windowTicket = z.strictObject({ id: text, number: text, windowId: text.optional(), windowNumber: z.number().int().positive().optional() });
export const windowSnapshot = z.strictObject({ view: z.literal('window'), ...head, windowId: text, window: windowView.optional() });
export const windowEvent = z.strictObject({ ...eventHead, window: windowView.optional(), ticket: windowTicket.optional(), date: z.string().optional() });

export const ticketSnapshot = z.strictObject({ view: z.literal('ticket'), ...head, ticketId: text });
export const ticketEvent = z.strictObject({ ...eventHead, ticket: z.strictObject({ id: text }).optional() });

export type BoardWindow = z.output<typeof boardWindow>;
export type BoardCall = z.output<typeof boardCall>;
export type BoardSnapshot = z.output<typeof boardSnapshot>;
export type BoardEvent = z.output<typeof boardEvent>;
export type CountsSnapshot = z.output<typeof countsSnapshot>;
export type CountsEvent = z.output<typeof countsEvent>;
export type WindowSnapshot = z.output<typeof windowSnapshot>;
export type WindowEvent = z.output<typeof windowEvent>;
export type TicketSnapshot = z.output<typeof ticketSnapshot>;
export type TicketEvent = z.output<typeof ticketEvent>;

/** Each view's schemas (the full view's are the hall's own: snapshotSchema in http/schemas.ts, events.ts). */
export const viewSchemas = {
  board: { snapshot: boardSnapshot, event: boardEvent },
  counts: { snapshot: countsSnapshot, event: countsEvent },
  window: { snapshot: windowSnapshot, event: windowEvent },
  ticket: { snapshot: ticketSnapshot, event: ticketEvent },
} as const;
