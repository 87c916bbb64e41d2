/**
 * Facts ↔ table rows. Absent values are NULL; lists are JSON text. A fact's view (the ticket as
 * its last event showed it) is not a column: it is that event, archived beside it (0006_facts_narrow).
 */
import type { DutyInterval, DutyKind, TicketFact } from '../../domain/facts.js';
import type { Outcome, PriorityClass, RatingChannel, RatingLevel, TicketStatus } from '../../protocol.js';
import type { ArchiveTables } from './tables.js';

export type FactRow = ArchiveTables['ticket_facts'];
export type IntervalRow = ArchiveTables['duty_intervals'];

const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function factToRow(f: TicketFact): FactRow {
  return {
    hall_id: f.hallId,
    ticket_id: f.ticketId,
    day: f.day,
    number: f.number,
    service_at_issue: f.serviceAtIssue,
    service: f.service,
    priority: f.priority,
    channel: nul(f.channel),
    status: f.status,
    outcome: nul(f.outcome),
    issued_at: f.issuedAt,
    first_called_at: nul(f.firstCalledAt),
    last_called_at: nul(f.lastCalledAt),
    started_at: nul(f.startedAt),
    finished_at: nul(f.finishedAt),
    cancelled_at: nul(f.cancelledAt),
    cancel_reason: nul(f.cancelReason),
    wait_seconds: nul(f.waitSeconds),
    handling_seconds: nul(f.handlingSeconds),
    window_id: nul(f.windowId),
    window_number: nul(f.windowNumber),
    staff_id: nul(f.staffId),
    first_responder: nul(f.firstResponder),
    recalls: f.recalls,
    no_shows: f.noShows,
    transfers: f.transfers,
    transfer_path: JSON.stringify(f.transferPath),
    rating_level: f.rating ? f.rating.level : null,
    rating_reasons: f.rating?.reasons ? JSON.stringify(f.rating.reasons) : null,
    rating_comment: nul(f.rating?.comment),
    rating_channel: nul(f.rating?.channel),
    rated_at: nul(f.rating?.at),
    queued_at: nul(f.queuedAt),
    track_token: nul(f.trackToken),
    rate_token: nul(f.rateToken),
    last_event_id: f.lastEventId,
  };
}

/** A fact as its row holds it: all but the view (server/store/archive/factReads.ts adds it). */
export type ArchivedFact = Omit<TicketFact, 'view'>;

export function factFromRow(r: FactRow): ArchivedFact {
  const f: ArchivedFact = {
    hallId: r.hall_id,
    ticketId: r.ticket_id,
    day: r.day,
    number: r.number,
    serviceAtIssue: r.service_at_issue,
    service: r.service,
    priority: r.priority as PriorityClass,
    status: r.status as TicketStatus,
    issuedAt: r.issued_at,
    recalls: r.recalls,
    noShows: r.no_shows,
    transfers: r.transfers,
    transferPath: JSON.parse(r.transfer_path) as TicketFact['transferPath'],
    lastEventId: r.last_event_id,
  };
  const set = <K extends keyof ArchivedFact>(k: K, v: ArchivedFact[K] | null): void => {
    if (v !== null && v !== undefined) f[k] = v;
  };
  set('channel', r.channel);
  set('outcome', r.outcome as Outcome | null);
  set('firstCalledAt', r.first_called_at);
  set('lastCalledAt', r.last_called_at);
  set('startedAt', r.started_at);
  set('finishedAt', r.finished_at);
  set('cancelledAt', r.cancelled_at);
  set('cancelReason', r.cancel_reason);
  set('waitSeconds', r.wait_seconds);
  set('handlingSeconds', r.handling_seconds);
  set('windowId', r.window_id);
  set('windowNumber', r.window_number);
  set('staffId', r.staff_id);
  set('firstResponder', r.first_responder);
  set('queuedAt', r.queued_at);
  set('trackToken', r.track_token);
  set('rateToken', r.rate_token);
  if (r.rating_level !== null) {
    f.rating = {
      level: r.rating_level as RatingLevel,
      channel: r.rating_channel as RatingChannel,
      at: r.rated_at ?? 0,
      ...(r.rating_reasons ? { reasons: JSON.parse(r.rating_reasons) as string[] } : {}),
      ...(opt(r.rating_comment) ? { comment: r.rating_comment! } : {}),
    };
  }
  return f;
}

export function intervalToRow(hallId: string, i: DutyInterval): IntervalRow {
  return {
    hall_id: hallId,
    interval_id: i.id,
    kind: i.kind,
    staff_id: i.staffId,
    window_id: i.windowId,
    post: nul(i.post),
    reason: nul(i.reason),
    covering_for: nul(i.coveringFor),
    start_at: i.startAt,
    start_event: i.startEvent,
    end_at: nul(i.endAt),
    end_event: nul(i.endEvent),
    end_cause: nul(i.endCause),
    day: i.day,
  };
}

export function intervalFromRow(r: IntervalRow): DutyInterval {
  const i: DutyInterval = { id: r.interval_id, kind: r.kind as DutyKind, staffId: r.staff_id, windowId: r.window_id, startAt: r.start_at, startEvent: r.start_event, day: r.day };
  if (r.post !== null) i.post = r.post as 'A' | 'B';
  if (r.reason !== null) i.reason = r.reason;
  if (r.covering_for !== null) i.coveringFor = r.covering_for;
  if (r.end_at !== null) i.endAt = r.end_at;
  if (r.end_event !== null) i.endEvent = r.end_event;
  if (r.end_cause !== null) i.endCause = r.end_cause;
  return i;
}
