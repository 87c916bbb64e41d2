/**
 * The wire contract between the hub and every client (screens, counters, kiosks, phones).
 * Both ends import these types; the hub validates every inbound payload (http/schemas.ts, and the
 * socket handshake in realtime/socketHub.ts).
 * Events and the views they carry are typed from their schemas in events.ts: import them from
 * here, so browser code keeps to `import type` and never bundles zod.
 */
import type { Outcome, AwayReason, PriorityClass, TicketStatus } from './domain/ticket.js';
import type { HallEvent, HallEventOf, HallEventType, IssueChannel, QueueCount, Rating, TicketView, WindowView } from './events.js';
import type { BoardCall, BoardEvent, BoardSnapshot, BoardWindow, CountsEvent, CountsSnapshot, TicketEvent, TicketSnapshot, ViewKind, WindowEvent, WindowSnapshot } from './views.js';
import type { DeskToday } from './domain/desk/today.js';
import type { RosterRow } from './domain/attendance/rosterNow.js';

export type { DeskToday, RosterRow };

export type { Outcome, AwayReason, TicketStatus, PriorityClass, HallEvent, HallEventOf, HallEventType, IssueChannel, QueueCount, Rating, TicketView, WindowView };
export type { ViewKind, BoardCall, BoardEvent, BoardSnapshot, BoardWindow, CountsEvent, CountsSnapshot, TicketEvent, TicketSnapshot, WindowEvent, WindowSnapshot };

export type WindowState = WindowView['state'];

/**
 * The one internal rating scale: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1–2 are bad
 * reviews (差评). GB/T 39046 numbers the other way (1 = 非常满意): map only at that boundary.
 */
export type RatingLevel = Rating['level'];
/** Where the citizen rated: the pad at the window, or the phone page reached by the ticket's QR code. */
export type RatingChannel = Rating['channel'];

export interface HallSnapshot {
  hallId: string;
  lastEventId: number;
  date: string;
  windows: WindowView[];
  queues: QueueCount[];
  /** Most recent calls, newest first. */
  recentCalls: TicketView[];
  /** Tickets currently waiting, in no particular order (screens and counters sort them). */
  waiting: WaitingTicketView[];
}

/** The full view's snapshot on a socket (counters, managers): the whole hall, named as a view. */
export type FullSnapshot = HallSnapshot & { view: 'full' };

/**
 * What a client of each view receives (server/views.ts): its snapshot and its events. A hall
 * screen, a kiosk, a window screen or pad and a phone each get what they show, not the hall.
 */
export interface ViewShapes {
  full: { snapshot: FullSnapshot; event: HallEvent };
  board: { snapshot: BoardSnapshot; event: BoardEvent };
  counts: { snapshot: CountsSnapshot; event: CountsEvent };
  window: { snapshot: WindowSnapshot; event: WindowEvent };
  ticket: { snapshot: TicketSnapshot; event: TicketEvent };
}
export type SnapshotOf<V extends ViewKind> = ViewShapes[V]['snapshot'];
export type EventOf<V extends ViewKind> = ViewShapes[V]['event'];
export type ViewSnapshot = SnapshotOf<ViewKind>;
export type ViewEvent = EventOf<ViewKind>;

/**
 * A waiting ticket with its place in its queue: `queuedAt` is the time that orders it there (its
 * issue, its transfer, or where a no-show was re-queued: server/domain/routing.ts).
 */
export type WaitingTicketView = TicketView & { queuedAt: number };

/**
 * A hall's public configuration (GET /api/halls/{hallId}, server/http/presenters.ts presentHall):
 * what screens, counters, pads and kiosks label things with. The one declaration: the route's
 * response schema (http/schemas.ts hallInfoSchema) is typed against it and clients import it.
 */
export interface HallInfo {
  id: string;
  name: string;
  level: 'county' | 'town' | 'village';
  parent: string | null;
  timeZone: string;
  notice: string;
  /** The call's wording, e.g. 请{number}号到{window}号窗口办理. */
  voiceTemplate: string;
  voice: HallVoice;
  waitTargetMinutes: number;
  /** The calling order's rules (server/domain/routing.ts): classes most urgent first, and the ageing limit. */
  classOrder: PriorityClass[];
  ageingMinutes: number;
  services: ServiceInfo[];
  windows: WindowInfo[];
  staff: StaffInfo[];
}

/** The hall screen's voice settings (display/lib/voice, docs/voice.md). */
export interface HallVoice {
  muted: boolean;
  volume: number;
  repeat: number;
  gapMs: number;
  baseUrl: string;
}

export interface ServiceInfo {
  id: string;
  name: string;
  prefix: string;
  standardMinutes: number;
}

export interface WindowInfo {
  id: string;
  number: number;
  name: string;
  kind: 'comprehensive' | 'dedicated' | 'pickup' | 'consultation';
  /** Every service it calls (its tiers, flattened). */
  services: string[];
  /** Services in tiers, primary first. */
  tiers: string[][];
}

export interface StaffInfo {
  /** The 工号. */
  id: string;
  name: string;
  /** A photo URL, absolute or relative to the page. */
  photo?: string;
  posts: { window: number; post: 'A' | 'B' }[];
}

/** GET /api/tickets/{ticketId}?token=: a ticket as its holder sees it (the phone tracker). */
export interface CitizenTicketView extends TicketView {
  hallId: string;
  hallName: string;
  serviceName: string;
  /** "前面还有 N 人" (server/domain/routing.ts aheadOf). */
  ahead: number;
  /** While waiting: minutes until the call; null when no open window calls the service now. */
  estimatedWaitMinutes?: number | null;
  windowName?: string;
  /** After completion: what the phone rates with (channel qr). */
  rateToken?: string;
}

/** GET /api/halls/{hallId}/rating-options: what a rating form offers (server/domain/ratingRules.ts). */
export interface RatingOptions {
  levels: RatingLevel[];
  /** The levels that are bad reviews (差评) and need a reason. */
  badLevels: RatingLevel[];
  reasons: string[];
  /** How long the pad asks after a completion. */
  timeoutSeconds: number;
  maxComment: number;
}

/** GET /api/windows/{windowId}/rating-request: what the window's pad asks the citizen to rate now. */
export interface RatingRequestView {
  ticket: TicketView;
  rateToken: string;
  /** When the pad stops asking (the phone link still rates), and how long that is from now. */
  expiresAt: number;
  remainingMs: number;
  serviceName: string;
  staffName?: string;
}

/** A refusal: the operation changed nothing. `reason` is a stable code, mapped to text by clients. */
export type Refusal = { ok: false; reason: RefusalReason; detail?: string };
export type RefusalReason =
  | 'unknown_hall'
  | 'unknown_service'
  | 'unknown_window'
  | 'unknown_ticket'
  | 'unknown_staff'
  | 'unknown_alert'
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
  | 'no_show_too_early'
  /** The request id was sent before with another request (another service, outcome …): ids are one per request. */
  | 'request_id_reused';

/**
 * What a manager's desk receives when it connects (scope `desk`: managers and admins of the hall
 * only): the hall's snapshot, the day so far (server/domain/desk/today.ts, which the desk goes on
 * folding with each event above `today.lastEventId`), the roster, the printers, and what the
 * metrics need of the hall's rules (server/domain/metrics/rules.ts MetricRules, JSON-shaped).
 */
export interface DeskSnapshot {
  hall: HallSnapshot;
  today: DeskToday;
  roster: RosterRow[];
  printers: KioskPrinterView[];
  /** Everyone of the hall by 工号, managers too (who acknowledged, who decided): the public hall info names window staff only. */
  names: Record<string, string>;
  metricRules: { timeZone: string; lunch?: [string, string]; waitTargetSeconds: number; standardSeconds: [string, number][] };
  /** The hub's clock when it sent this (a desk corrects its own clock by it). */
  now: number;
}

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
  /** The manager's desk: a `desk` snapshot, then every event of the hall and the desk's notices (managers and admins only). */
  desk?: boolean;
}

/**
 * Server → client. After connecting, a client receives either `snapshot` (state as of
 * snapshot.lastEventId) or `catchUp` (the events after its lastEventId); then `event`s, in id
 * order. Events may arrive before the snapshot: apply only ids above what you hold. Each is cut
 * to the client's view (snapshot.view; server/realtime/audience.ts): a view that does not show
 * an event is not sent it, so only the full view's ids are contiguous.
 */
export interface ServerToClientEvents {
  snapshot: (snapshot: ViewSnapshot) => void;
  catchUp: (events: ViewEvent[]) => void;
  event: (event: ViewEvent) => void;
  problem: (problem: { error: string; message: string }) => void;
  /** A kiosk's ticket printer changed state (hall-scoped clients: kiosks, dashboards). Not an event: not numbered, not replayed. */
  printer: (printer: KioskPrinterView) => void;
  /** The hall's configuration changed (an admin's edit, applied live): refetch GET /api/halls/{hallId}. */
  config: (change: { hallId: string; revision: number }) => void;
  /** This staff session was ended by the hub: `taken_over`, the staffer logged in on another terminal. The socket is closed after it. */
  sessionEnded: (end: { reason: 'taken_over' | 'logged_out' | 'expired' }) => void;
  /** Desk scope only: the desk's snapshot (on connect and on every resync). */
  desk: (snapshot: DeskSnapshot) => void;
  /** Desk scope only: today's roster changed (a sign-in, an away, a leave decision, the not-signed-in line passing). */
  roster: (rows: RosterRow[]) => void;
  /** Desk scope only: a leave or 补签 request was made or decided: the desk reloads its list. Not an event. */
  leaveChanged: (change: { requestId: string; status: string }) => void;
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
