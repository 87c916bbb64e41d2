/**
 * The wire contract between the hub and every client (screens, counters, kiosks, phones).
 * Both ends import these types; the hub validates every inbound payload against protocolSchemas.
 */
import type { Outcome, PauseReason, TicketStatus } from './domain/ticket.js';
import type { PriorityClass } from './config.js';

export type { Outcome, PauseReason, TicketStatus, PriorityClass };

/** A ticket as screens and counters see it (no tokens). */
export interface TicketView {
  id: string;
  number: string;
  serviceId: string;
  priority: PriorityClass;
  status: TicketStatus;
  issuedAt: number;
  windowId?: string;
  windowNumber?: number;
  staffId?: string;
  firstResponder?: string;
  calledAt?: number;
  startedAt?: number;
  finishedAt?: number;
  outcome?: Outcome;
  recalls: number;
  noShows: number;
  transfers: number;
  /** Where a transferred ticket waits: a window id or a service id. */
  transferTo?: string;
  /** ticket.noShow of a re-queued ticket: its new place in the queue (the queue's score, epoch ms). */
  queuedAt?: number;
}

export type WindowState = 'closed' | 'idle' | 'called' | 'serving' | 'paused';

export interface WindowView {
  id: string;
  number: number;
  state: WindowState;
  ticketId?: string;
  ticketNumber?: string;
  /** Staff signed in as A and B post, and whether each is away. */
  postA?: string;
  postB?: string;
  awayA?: PauseReason;
  awayB?: PauseReason;
  /** Who acts now: A unless A is absent or away; B then covers. */
  onDuty?: string;
  covering: boolean;
  pauseReason?: PauseReason;
}

export interface QueueCount {
  serviceId: string;
  waiting: number;
}

export type HallEventType =
  | 'ticket.issued'
  | 'ticket.called'
  | 'ticket.recalled'
  | 'ticket.started'
  | 'ticket.noShow'
  | 'ticket.completed'
  | 'ticket.transferred'
  | 'ticket.cancelled'
  | 'ticket.rated'
  | 'staff.signedIn'
  | 'staff.signedOut'
  | 'staff.away'
  | 'staff.back'
  | 'window.closed'
  | 'day.swept'
  | 'day.rolledOver';

/** One change in a hall. Ids are hall-wide, strictly increasing and gapless. */
export interface HallEvent {
  id: number;
  type: HallEventType;
  at: number;
  hallId: string;
  ticket?: TicketView;
  window?: WindowView;
  /** Waiting counts of the services this change touched. */
  queues?: QueueCount[];
  staffId?: string;
  reason?: string;
  date?: string;
  count?: number;
  /** ticket.rated: the citizen's rating. */
  rating?: Rating;
}

/**
 * The one internal rating scale: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1–2 are bad
 * reviews (差评). GB/T 39046 numbers the other way (1 = 非常满意): map only at that boundary.
 */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
/** Where the citizen rated: the pad at the window, or the phone page reached by the ticket's QR code. */
export type RatingChannel = 'pad' | 'qr';

/** A rating as the ticket.rated event carries it (the event's `at` is when it was given). Never edited. */
export interface Rating {
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  windowId: string;
  windowNumber?: number;
  /** The staffer who handled the ticket at that window (on duty when it was completed). */
  staffId?: string;
  /** 首问负责人: who first served the ticket, through transfers. */
  firstResponder?: string;
  level: RatingLevel;
  /** Picked from the hall's ratingReasons; absent when none (Redis's cjson cannot write an empty array). */
  reasons?: string[];
  /** Trimmed, at most 200 characters; absent when empty. */
  comment?: string;
  channel: RatingChannel;
}

export interface HallSnapshot {
  hallId: string;
  lastEventId: number;
  date: string;
  windows: WindowView[];
  queues: QueueCount[];
  /** Most recent calls, newest first. */
  recentCalls: TicketView[];
  /** Tickets currently waiting, in no particular order (screens and counters sort them). */
  waiting: TicketView[];
}

/** A refusal: the operation changed nothing. `reason` is a stable code, mapped to text by clients. */
export type Refusal = { ok: false; reason: RefusalReason; detail?: string };
export type RefusalReason =
  | 'unknown_hall'
  | 'unknown_service'
  | 'unknown_window'
  | 'unknown_ticket'
  | 'unknown_staff'
  | 'not_working_day'
  | 'outside_hours'
  | 'cap_reached'
  | 'window_closed'
  | 'window_paused'
  | 'window_busy'
  | 'no_current_ticket'
  | 'not_signed_in'
  | 'staff_away'
  | 'signed_in_elsewhere'
  | 'post_taken'
  | 'not_your_post'
  | 'bad_state'
  | 'same_window'
  | 'already_rated'
  | 'reason_required'
  | 'unknown_reason'
  | 'wrong_window'
  /** A no-show before the hall's minimum time after the call, or before the recall it asks for; detail: seconds left, or "recall". */
  | 'no_show_too_early';

/** What a client sends when it connects (socket.io `auth`). */
export interface SocketAuth {
  /** A staff session or a paired device's token. */
  token?: string;
  /** A citizen's phone: the ticket and its tracking token (from the QR code). */
  ticketId?: string;
  trackToken?: string;
  /** Which hall to follow (staff of a parent hall may watch a child hall); default: the token's hall. */
  hallId?: string;
  /** The last event id this client applied: the hub sends exactly what came after. */
  lastEventId?: number;
}

/**
 * Server → client. After connecting, a client receives either `snapshot` (state as of
 * snapshot.lastEventId) or `catchUp` (the events after its lastEventId); then `event`s, in id
 * order. Events may arrive before the snapshot: apply only ids above what you hold.
 */
export interface ServerToClientEvents {
  snapshot: (snapshot: HallSnapshot) => void;
  catchUp: (events: HallEvent[]) => void;
  event: (event: HallEvent) => void;
  problem: (problem: { error: string; message: string }) => void;
  /** A kiosk's ticket printer changed state (hall-scoped clients: kiosks, dashboards). Not an event: not numbered, not replayed. */
  printer: (printer: KioskPrinterView) => void;
}

/**
 * A kiosk's ticket printer as the kiosk and the managers see it. `none`: the kiosk has no printer
 * configured; `unknown`: it has not reported since it was configured (it reports on each failure
 * and on the first success after one); the rest follow its last DLE EOT answer or failure.
 */
export interface KioskPrinterView {
  kioskId: string;
  hallId: string;
  name: string;
  state: 'none' | 'unknown' | 'ready' | 'offline' | 'paperOut' | 'coverOpen' | 'error';
  /** The roll is nearly out: still prints, change it soon. */
  paperNearEnd?: boolean;
  /** Why it failed, as the transport said it (for managers). */
  detail?: string;
  /** When it last reported, epoch ms. */
  at?: number;
}

export interface ClientToServerEvents {
  /** Ask again for what came after `lastEventId` (a client that saw a gap). */
  resync: (request: { lastEventId: number }, ack: (reply: { ok: boolean; error?: string }) => void) => void;
}

/** The most catch-up events the hub sends; beyond that a fresh snapshot is cheaper. */
export const MAX_CATCH_UP = 500;
