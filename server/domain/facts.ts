/**
 * Facts derived from a hall's events (DESIGN.md §3, §6): one row per ticket and the duty
 * intervals of staff at windows. Pure folds, so the live day (today's events from Redis) and the
 * archive (a month from SQL, batch by batch) compute them with the same code: the archiver folds
 * each batch into the facts it already holds, the dashboard folds today's events from nothing.
 */
import type { HallEvent, PriorityClass, RatingChannel, RatingLevel, TicketStatus, TicketView, WindowView } from '../protocol.js';
import type { Outcome } from './ticket.js';

/** What an event keeps beside it in the stream and never shows (server/store/lua/_mutate.lua). */
export interface EventSecrets {
  trackToken?: string;
  rateToken?: string;
}

export interface TransferStep {
  at: number;
  fromWindowId?: string;
  staffId?: string;
  toWindowId?: string;
  toServiceId?: string;
}

export interface TicketRating {
  level: RatingLevel;
  reasons?: string[];
  comment?: string;
  channel: RatingChannel;
  at: number;
}

/** One ticket's life in one row. Times are epoch ms; durations in seconds. */
export interface TicketFact {
  hallId: string;
  ticketId: string;
  /** The business day it was issued on (YYYYMMDD), from its id. */
  day: string;
  number: string;
  serviceAtIssue: string;
  /** The service it ended in (a transfer to a service changes it). */
  service: string;
  priority: PriorityClass;
  /** Where it was issued (kiosk, help desk, …) when the event says. */
  channel?: string;
  status: TicketStatus;
  outcome?: Outcome;
  issuedAt: number;
  firstCalledAt?: number;
  lastCalledAt?: number;
  startedAt?: number;
  /** Completed, missed or cancelled. */
  finishedAt?: number;
  cancelledAt?: number;
  cancelReason?: string;
  /** From issue to the first call: what the citizen waited before anyone called them. */
  waitSeconds?: number;
  /** Time in service, summed over every window that served it (a transfer ends a segment). */
  handlingSeconds?: number;
  /** The window and staffer that called it last (kept after a no-show or transfer). */
  windowId?: string;
  windowNumber?: number;
  staffId?: string;
  /** 首问负责人: who first called it, through transfers. */
  firstResponder?: string;
  recalls: number;
  noShows: number;
  transfers: number;
  transferPath: TransferStep[];
  rating?: TicketRating;
  /** While waiting: its place in its queue (issue time, transfer time, or a no-show's new place). */
  queuedAt?: number;
  /** The ticket as the last event showed it. */
  view: TicketView;
  trackToken?: string;
  rateToken?: string;
  lastEventId: number;
}

const TICKET_ID = /-(\d{8})-[^-]+$/;

/** The business day in a ticket id (`<hall>-<YYYYMMDD>-<number>`). */
export function ticketDay(ticketId: string): string {
  return TICKET_ID.exec(ticketId)?.[1] ?? '';
}

const seconds = (from: number | undefined, to: number | undefined): number | undefined =>
  from === undefined || to === undefined ? undefined : Math.max(0, to - from) / 1000;

/** The view as a ticket hash shows it: a no-show's queuedAt is the event's news, not part of the ticket. */
function plainView(view: TicketView & { queuedAt?: number }): TicketView {
  if (view.queuedAt === undefined) return view;
  const { queuedAt: _placed, ...rest } = view;
  return rest;
}

/** The ticket an event carries, if any. */
export const ticketOf = (e: HallEvent): TicketView | undefined => ('ticket' in e ? e.ticket : undefined);

/**
 * A fact's `view`: the ticket as its last event showed it. The archive keeps it only there (the
 * event with the fact's lastEventId), and a fact read back takes it from that event.
 */
export function factView(lastEvent: HallEvent): TicketView | undefined {
  const t = ticketOf(lastEvent);
  return t ? plainView(t) : undefined;
}
/** The window an event carries, if any (as the change left it). */
export const windowOf = (e: HallEvent): WindowView | undefined => ('window' in e ? e.window : undefined);

/**
 * The ticket's fact after one more event. `prev` is undefined for a ticket not seen before (its
 * issue may predate the archive: the fact then starts from the event's view). Events that carry
 * no ticket leave facts alone (undefined).
 */
export function foldTicket(prev: TicketFact | undefined, event: HallEvent, secrets: EventSecrets = {}): TicketFact | undefined {
  if (!('ticket' in event)) return undefined;
  const view = event.ticket;
  if (prev && event.id <= prev.lastEventId) return prev; // already folded: a replay changes nothing
  const f: TicketFact = prev
    ? { ...prev, transferPath: [...prev.transferPath] }
    : {
        hallId: event.hallId,
        ticketId: view.id,
        day: ticketDay(view.id),
        number: view.number,
        serviceAtIssue: view.serviceId,
        service: view.serviceId,
        priority: view.priority,
        status: view.status,
        issuedAt: view.issuedAt,
        recalls: 0,
        noShows: 0,
        transfers: 0,
        transferPath: [],
        queuedAt: view.issuedAt,
        view,
        lastEventId: 0,
      };
  const before = prev?.view;
  f.view = plainView(view);
  f.status = view.status;
  f.service = view.serviceId;
  f.priority = view.priority;
  f.recalls = view.recalls;
  f.noShows = view.noShows;
  f.transfers = view.transfers;
  f.lastEventId = event.id;
  if (view.firstResponder) f.firstResponder = view.firstResponder;

  switch (event.type) {
    case 'ticket.issued':
      if (event.channel) f.channel = event.channel;
      f.issuedAt = view.issuedAt;
      f.queuedAt = view.issuedAt;
      if (secrets.trackToken) f.trackToken = secrets.trackToken;
      break;
    case 'ticket.called':
      f.firstCalledAt ??= event.at;
      f.lastCalledAt = event.at;
      f.waitSeconds = seconds(f.issuedAt, f.firstCalledAt);
      f.windowId = view.windowId;
      f.windowNumber = view.windowNumber;
      f.staffId = view.staffId;
      f.queuedAt = undefined;
      break;
    case 'ticket.started':
      f.startedAt = view.startedAt ?? event.at;
      break;
    case 'ticket.noShow':
      f.queuedAt = event.ticket.status === 'waiting' ? event.ticket.queuedAt : undefined;
      if (view.status === 'missed') f.finishedAt = view.finishedAt ?? event.at;
      break;
    case 'ticket.transferred': {
      // A transfer from service ends a handling segment; the view no longer says when it began.
      if (before?.startedAt !== undefined) f.handlingSeconds = (f.handlingSeconds ?? 0) + (seconds(before.startedAt, event.at) ?? 0);
      const toService = view.transferTo !== undefined && view.transferTo === view.serviceId;
      f.transferPath.push({
        at: event.at,
        fromWindowId: event.window.id,
        staffId: event.staffId,
        ...(toService ? { toServiceId: view.transferTo } : { toWindowId: view.transferTo }),
      });
      f.queuedAt = event.at;
      break;
    }
    case 'ticket.completed':
      f.outcome = view.outcome;
      f.finishedAt = view.finishedAt ?? event.at;
      if (view.startedAt !== undefined) f.handlingSeconds = (f.handlingSeconds ?? 0) + (seconds(view.startedAt, f.finishedAt) ?? 0);
      f.windowId = view.windowId ?? f.windowId;
      f.windowNumber = view.windowNumber ?? f.windowNumber;
      f.staffId = view.staffId ?? f.staffId;
      if (secrets.rateToken) f.rateToken = secrets.rateToken;
      break;
    case 'ticket.cancelled':
      f.cancelledAt = event.at;
      f.finishedAt = view.finishedAt ?? event.at;
      f.cancelReason = event.reason;
      f.queuedAt = undefined;
      break;
    case 'ticket.rated': {
      const r = event.rating;
      f.rating = { level: r.level, channel: r.channel, at: event.at, ...(r.reasons ? { reasons: r.reasons } : {}), ...(r.comment ? { comment: r.comment } : {}) };
      break;
    }
    default:
      break;
  }
  return f;
}

/** Every ticket's fact from a run of events (the live day: today's events from the start). */
export function ticketFacts(events: readonly HallEvent[], secrets: ReadonlyMap<number, EventSecrets> = new Map()): Map<string, TicketFact> {
  const facts = new Map<string, TicketFact>();
  for (const e of events) {
    const ticket = ticketOf(e);
    if (!ticket) continue;
    const next = foldTicket(facts.get(ticket.id), e, secrets.get(e.id));
    if (next) facts.set(next.ticketId, next);
  }
  return facts;
}

// ── Duty ────────────────────────────────────────────────────────────────────────────────────

/**
 * duty: signed in at the window as A or B post (签到 … 签退, or the window closed);
 * away: away from it with a reason (离岗 … back, or signed out);
 * cover: a B post acting at the window because A is away or absent (顶岗).
 */
export type DutyKind = 'duty' | 'away' | 'cover';

export interface DutyInterval {
  id: string;
  kind: DutyKind;
  staffId: string;
  windowId: string;
  post?: 'A' | 'B';
  /** away: the reason given. */
  reason?: string;
  /** cover: the A post signed in at the window then, if any. */
  coveringFor?: string;
  startAt: number;
  startEvent: number;
  /** Absent while the interval is open. */
  endAt?: number;
  endEvent?: number;
  /** What ended it: the event type, or `end_of_day` when the day's end closed the window. */
  endCause?: string;
  /** The business day it began on (YYYYMMDD). */
  day: string;
}

/** The windows as last seen and the intervals still open (keyed by openKey). */
export interface DutyState {
  windows: Map<string, WindowView>;
  open: Map<string, DutyInterval>;
}

export const emptyDutyState = (): DutyState => ({ windows: new Map(), open: new Map() });

export const openKey = (i: Pick<DutyInterval, 'windowId' | 'kind' | 'staffId'>): string => `${i.windowId}:${i.kind}:${i.staffId}`;

/**
 * Apply one event to the duty state; returns the intervals it opened or closed (each as it now
 * stands). Derived from the window as the event shows it against the window as last seen, so
 * every way of arriving and leaving (sign-in, sign-out, away, back, a B post covering, the window
 * closed by a manager or by the day's end) is read the same way.
 */
export function foldDuty(state: DutyState, event: HallEvent, dayOf: (at: number) => string): DutyInterval[] {
  const next = windowOf(event);
  if (!next) return [];
  const prev = state.windows.get(next.id);
  const changed: DutyInterval[] = [];
  // The helpers are module functions, not closures made per event: this runs once per window event
  // of every archived batch.
  const step: DutyStep = { state, event, window: next, changed, cause: 'reason' in event && event.reason === 'end_of_day' ? 'end_of_day' : event.type, dayOf };

  for (let p = 0; p < 2; p++) {
    const post = p === 0 ? 'A' : 'B';
    const was = post === 'A' ? prev?.postA : prev?.postB;
    const is = post === 'A' ? next.postA : next.postB;
    const wasAway = was !== undefined && was === is ? (post === 'A' ? prev?.awayA : prev?.awayB) : undefined;
    const isAway = post === 'A' ? next.awayA : next.awayB;
    if (was !== undefined && was !== is) {
      closeInterval(step, 'away', was);
      closeInterval(step, 'duty', was);
    }
    if (is !== undefined && wasAway !== undefined && wasAway !== isAway) closeInterval(step, 'away', is);
    if (is !== undefined && is !== was) startInterval(step, 'duty', is, { post });
    if (is !== undefined && isAway !== undefined && isAway !== wasAway) startInterval(step, 'away', is, { post, reason: isAway });
  }

  const wasCovering = coverer(prev);
  const isCovering = coverer(next);
  if (wasCovering !== undefined && wasCovering !== isCovering) closeInterval(step, 'cover', wasCovering);
  if (isCovering !== undefined && isCovering !== wasCovering) startInterval(step, 'cover', isCovering, { post: 'B', ...(next.postA ? { coveringFor: next.postA } : {}) });

  state.windows.set(next.id, next);
  return changed;
}

interface DutyStep {
  state: DutyState;
  event: HallEvent;
  window: WindowView;
  changed: DutyInterval[];
  cause: string;
  dayOf: (at: number) => string;
}

function closeInterval(s: DutyStep, kind: DutyKind, staffId: string): void {
  const key = openKey({ windowId: s.window.id, kind, staffId });
  const open = s.state.open.get(key);
  if (!open) return;
  s.state.open.delete(key);
  s.changed.push({ ...open, endAt: s.event.at, endEvent: s.event.id, endCause: s.cause });
}

function startInterval(s: DutyStep, kind: DutyKind, staffId: string, extra: Partial<DutyInterval>): void {
  const key = openKey({ windowId: s.window.id, kind, staffId });
  if (s.state.open.has(key)) return;
  const { event } = s;
  const opened: DutyInterval = { id: `${s.window.id}:${kind}:${staffId}:${event.id}`, kind, staffId, windowId: s.window.id, startAt: event.at, startEvent: event.id, day: s.dayOf(event.at), ...extra };
  s.state.open.set(key, opened);
  s.changed.push(opened);
}

/** Who acts at a window as a B post covering for A, if anyone. */
function coverer(w: WindowView | undefined): string | undefined {
  return w?.covering ? w.onDuty : undefined;
}

/** Every duty interval from a run of events (the live day), open ones without an end. */
export function dutyIntervals(events: readonly HallEvent[], dayOf: (at: number) => string, state: DutyState = emptyDutyState()): DutyInterval[] {
  const all = new Map<string, DutyInterval>();
  for (const e of events) for (const i of foldDuty(state, e, dayOf)) all.set(i.id, i);
  return [...all.values()];
}
