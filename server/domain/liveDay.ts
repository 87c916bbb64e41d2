/**
 * The live day as the archive remembers it (DESIGN.md §7: "the archive can rebuild the live day
 * if Redis loses it"). Pure: from the archived facts, window states, open duty intervals and
 * today's events, what the live store must hold again — every ticket of today and yesterday (late
 * ratings, the tracker), where each waiting ticket stands in which queue, the windows, who is
 * signed in and away, the day's last number per service, the hall screens' recent calls and
 * today's events for reconnecting screens. The store writes it (server/store/lua/restore.lua).
 */
import type { TicketView, WindowView } from '../protocol.js';
import type { DutyInterval, TicketFact } from './facts.js';
import { sequenceOf } from './numbering.js';
import { waitPlace, type WaitPlace } from './routing.js';

export interface RestoredTicket {
  id: string;
  /** The ticket's hash fields, as the scripts keep them (strings). */
  fields: Record<string, string>;
  waitsIn?: WaitPlace;
  /** Its place in that queue (the queue's score). */
  score?: number;
}

export interface RestoredStaff {
  staffId: string;
  windowId: string;
  post: string;
  since: number;
  away?: string;
  awaySince?: number;
}

export interface LiveDayPlan {
  hallId: string;
  day: string;
  /** A rollover began the day (the live store marks it): false before the first archived rollover. */
  dayMarked: boolean;
  lastEventId: number;
  tickets: RestoredTicket[];
  windows: { id: string; fields: Record<string, string> }[];
  staff: RestoredStaff[];
  /** The last number issued today per issuing service. */
  numbering: { serviceId: string; last: number }[];
  /** The hall screens' recent calls: each ticket once, with the event that last called it. */
  calls: { ticketId: string; eventId: number }[];
  /** Today's events, oldest first, as the stream held them. */
  events: { id: number; json: string }[];
}

export interface ArchivedDay {
  hallId: string;
  day: string;
  dayMarked: boolean;
  lastEventId: number;
  tickets: TicketFact[];
  windows: WindowView[];
  /** Open duty and away intervals. */
  open: DutyInterval[];
  /** Events from the day's rollover on. */
  events: { id: number; type: string; json: string; ticketId?: string }[];
}

/** The screens' recent calls hold this many (server/store/lua/snapshot.lua). */
export const RECENT_CALLS = 20;

const str = (v: unknown): string => (typeof v === 'number' ? String(v) : String(v));

function ticketFields(f: TicketFact): Record<string, string> {
  const out: Record<string, string> = {};
  const view: TicketView = f.view;
  for (const [k, v] of Object.entries(view)) {
    if (k === 'queuedAt' || v === undefined || v === null) continue;
    out[k] = str(v);
  }
  out.day = f.day;
  if (f.trackToken) out.trackToken = f.trackToken;
  if (f.rateToken) out.rateToken = f.rateToken;
  if (f.rating) {
    out.rating = String(f.rating.level);
    out.ratedAt = String(f.rating.at);
    out.ratingChannel = f.rating.channel;
  }
  return out;
}

export function planLiveDay(a: ArchivedDay): LiveDayPlan {
  const tickets = a.tickets.map((f): RestoredTicket => {
    const t: RestoredTicket = { id: f.ticketId, fields: ticketFields(f) };
    if (f.status === 'waiting') {
      t.waitsIn = waitPlace(f.view);
      t.score = f.queuedAt ?? f.issuedAt;
    }
    return t;
  });

  const last = new Map<string, number>();
  for (const f of a.tickets) {
    if (f.day !== a.day) continue;
    last.set(f.serviceAtIssue, Math.max(last.get(f.serviceAtIssue) ?? 0, sequenceOf(f.number)));
  }

  const windows = a.windows.map((w) => {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(w)) if (k !== 'onDuty' && k !== 'covering' && v !== undefined) fields[k] = str(v);
    return { id: w.id, fields };
  });

  const staff = new Map<string, RestoredStaff>();
  for (const i of a.open) if (i.kind === 'duty') staff.set(i.staffId, { staffId: i.staffId, windowId: i.windowId, post: i.post ?? 'A', since: i.startAt });
  for (const i of a.open) {
    const s = staff.get(i.staffId);
    if (i.kind === 'away' && s) Object.assign(s, { away: i.reason ?? 'other', awaySince: i.startAt });
  }

  const lastCall = new Map<string, number>();
  for (const e of a.events) if ((e.type === 'ticket.called' || e.type === 'ticket.recalled') && e.ticketId) lastCall.set(e.ticketId, e.id);
  const calls = [...lastCall].map(([ticketId, eventId]) => ({ ticketId, eventId })).sort((x, y) => y.eventId - x.eventId).slice(0, RECENT_CALLS);

  return {
    hallId: a.hallId,
    day: a.day,
    dayMarked: a.dayMarked,
    lastEventId: a.lastEventId,
    tickets,
    windows,
    staff: [...staff.values()],
    numbering: [...last].map(([serviceId, n]) => ({ serviceId, last: n })),
    calls,
    events: a.events.map((e) => ({ id: e.id, json: e.json })),
  };
}
