/**
 * The manager's day so far (今日), folded from the hall's events: today's ticket facts (facts.ts
 * foldTicket — the KPIs are metrics/metricsOf over them, the function the month's evaluation
 * calls), each service's queue over the day, what each window is handling since when, who is away
 * since when, and the alerts with their acknowledgements.
 *
 * One fold, two places: the hub primes it from the hall's event stream and sends it to a desk
 * when it connects; the desk page goes on folding the live events with this same function. It
 * mutates `state` in place (a burst of events must not copy the whole day per event) and is pure
 * otherwise: no I/O, no clock — time comes from the events.
 */
import type { AlertKind, HallEvent } from '../../events.js';
import { foldTicket, type TicketFact } from '../facts.js';
import { compactDate, localTime } from '../time.js';

/** The queue trend keeps one point per this many minutes of the day. */
export const TREND_STEP_MINUTES = 15;
/** Resolved alerts kept for the feed (open ones are always kept). */
const RESOLVED_KEPT = 50;

export interface AlertEntry {
  alertId: string;
  kind: AlertKind;
  windowId?: string;
  staffId?: string;
  serviceId?: string;
  since?: number;
  raisedAt: number;
  resolvedAt?: number;
  ack?: { by: string; at: number; note?: string };
}

export interface AtWindow {
  ticketId: string;
  number: string;
  serviceId: string;
  calledAt: number;
  startedAt?: number;
}

export interface DeskToday {
  /** YYYY-MM-DD in the hall's zone; the counts restart when an event of a new day arrives. */
  date: string;
  lastEventId: number;
  /** Today's tickets as facts (facts.ts), by ticket id: what metricsOf measures. */
  facts: Record<string, TicketFact>;
  /** Per service: [minute of the day at the step's start, tickets waiting at the step's last change]. */
  trend: Record<string, [number, number][]>;
  /** Per window: the ticket at it (called or being handled). */
  atWindow: Record<string, AtWindow>;
  /** Per staffer who is away now: since when and why. */
  away: Record<string, { since: number; reason: string }>;
  alerts: AlertEntry[];
}

export function emptyToday(date: string, lastEventId = 0): DeskToday {
  return {
    date, lastEventId, facts: {}, trend: {}, atWindow: {}, away: {}, alerts: [],
  };
}

function startNewDay(s: DeskToday, date: string): void {
  const fresh = emptyToday(date, s.lastEventId);
  // What is still going on carries over: tickets at windows, people away, open alerts.
  Object.assign(s, { ...fresh, atWindow: s.atWindow, away: s.away, alerts: s.alerts.filter((a) => a.resolvedAt === undefined) });
}

function pushTrend(s: DeskToday, serviceId: string, minutes: number, waiting: number): void {
  const step = Math.floor(minutes / TREND_STEP_MINUTES) * TREND_STEP_MINUTES;
  const line = (s.trend[serviceId] ??= []);
  const last = line.at(-1);
  if (last && last[0] === step) last[1] = waiting;
  else line.push([step, waiting]);
}

function alertOf(s: DeskToday, id: string): AlertEntry | undefined {
  for (let i = s.alerts.length - 1; i >= 0; i--) if (s.alerts[i]!.alertId === id) return s.alerts[i];
  return undefined;
}

function trimResolved(s: DeskToday): void {
  const resolved = s.alerts.filter((a) => a.resolvedAt !== undefined);
  if (resolved.length <= RESOLVED_KEPT) return;
  const drop = new Set(resolved.slice(0, resolved.length - RESOLVED_KEPT));
  s.alerts = s.alerts.filter((a) => !drop.has(a));
}

/** Fold one event in (events at or below lastEventId are ignored: a repeat changes nothing). */
export function foldToday(s: DeskToday, e: HallEvent, timeZone: string): DeskToday {
  if (e.id <= s.lastEventId) return s;
  const local = localTime(e.at, timeZone);
  if (local.date > s.date) startNewDay(s, local.date);
  s.lastEventId = e.id;
  if ('ticket' in e) {
    const prev = s.facts[e.ticket.id];
    const fact = foldTicket(prev, e);
    // Only today's tickets: one kept from an earlier day (a re-queue at midnight) is not today's KPI.
    if (fact && fact.day === compactDate(s.date)) s.facts[e.ticket.id] = fact;
  }
  if ('queues' in e && e.queues) for (const q of e.queues) pushTrend(s, q.serviceId, local.minutes, q.waiting);
  switch (e.type) {
    case 'ticket.called': {
      s.atWindow[e.window.id] = { ticketId: e.ticket.id, number: e.ticket.number, serviceId: e.ticket.serviceId, calledAt: e.at };
      break;
    }
    case 'ticket.started': {
      const at = s.atWindow[e.window.id];
      s.atWindow[e.window.id] = { ...(at ?? { ticketId: e.ticket.id, number: e.ticket.number, serviceId: e.ticket.serviceId, calledAt: e.ticket.calledAt ?? e.at }), startedAt: e.at };
      break;
    }
    case 'ticket.completed':
      delete s.atWindow[e.window.id];
      break;
    case 'ticket.noShow':
    case 'ticket.transferred':
      delete s.atWindow[e.window.id];
      break;
    case 'ticket.cancelled':
      if (e.window) delete s.atWindow[e.window.id];
      break;
    case 'staff.away':
      s.away[e.staffId] = { since: e.at, reason: e.reason };
      break;
    case 'staff.back':
    case 'staff.signedOut':
      delete s.away[e.staffId];
      break;
    case 'window.closed':
      delete s.atWindow[e.window.id];
      for (const id of [e.window.postA, e.window.postB]) if (id) delete s.away[id];
      break;
    case 'day.rolledOver':
      s.atWindow = {};
      s.away = {};
      break;
    case 'alert.raised':
      if (!alertOf(s, e.alertId)) {
        s.alerts.push({
          alertId: e.alertId, kind: e.kind, raisedAt: e.at,
          ...(e.windowId ? { windowId: e.windowId } : {}), ...(e.staffId ? { staffId: e.staffId } : {}),
          ...(e.serviceId ? { serviceId: e.serviceId } : {}), ...(e.since !== undefined ? { since: e.since } : {}),
        });
      }
      break;
    case 'alert.resolved': {
      const a = alertOf(s, e.alertId);
      if (a) a.resolvedAt = e.at;
      trimResolved(s);
      break;
    }
    case 'alert.acknowledged': {
      const a = alertOf(s, e.alertId);
      if (a) a.ack = { by: e.by, at: e.at, ...(e.note ? { note: e.note } : {}) };
      break;
    }
    default:
      break;
  }
  return s;
}
