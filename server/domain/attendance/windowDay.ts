/**
 * One window's cover on one date (在岗覆盖): a window is covered while someone on its A/B roster
 * (or anyone, where the hall allows it) is signed in there and not away (DESIGN.md §5). Pure.
 */
import type { DutyInterval } from '../facts.js';
import type { Session } from './sessions.js';
import { intersect, minutes, subtract, total, union, type Span } from './spans.js';
import { onRoster, type CountMinutes, type Roster } from './staffDay.js';

export interface WindowDay {
  windowId: string;
  date: string;
  working: boolean;
  /** Service minutes: the sessions (up to now, today). */
  serviceMinutes: number;
  coveredMinutes: number;
  uncoveredMinutes: number;
  /** covered / service; null when there were no service minutes. */
  coverageRate: number | null;
  /** Uncovered stretches longer than the 空岗 line (rules.awayAlertMinutes). */
  kongang: CountMinutes;
  /** Minutes a B post covered (顶岗). */
  coverMinutes: number;
  /** A and B signed in and both away at once (S32). */
  bothAway: CountMinutes;
  /** Someone off the roster signed in here. */
  offRoster: { minutes: number; staff: string[] };
}

export interface WindowDayInput {
  windowId: string;
  windowNumber: number;
  date: string;
  working: boolean;
  sessions: readonly Session[];
  /** Intervals at this window that may touch the date. */
  intervals: readonly DutyInterval[];
  roster: Roster;
  /** Off-roster staff count as cover here. */
  offRosterCovers: boolean;
  /** The 空岗 line in minutes. */
  kongangMinutes: number;
  abNotAwayTogether: boolean;
  now: number;
}

/** Spans by staffer, appended in one pass. */
const add = (by: Map<string, Span[]>, staffId: string, span: Span): void => {
  const list = by.get(staffId);
  if (list) list.push(span);
  else by.set(staffId, [span]);
};

export function windowDay(input: WindowDayInput): WindowDay {
  const { now, windowId, roster } = input;
  const service: Span[] = [];
  if (input.working) for (const s of input.sessions) if (Math.min(s.end, now) > s.start) service.push([s.start, Math.min(s.end, now)]);
  // The window's intervals sorted into what each question below reads, in one pass.
  const duty = new Map<string, Span[]>();
  const away = new Map<string, Span[]>();
  const awayA: Span[] = [];
  const awayB: Span[] = [];
  const cover: Span[] = [];
  const offRoster: { staffId: string; span: Span }[] = [];
  for (const i of input.intervals) {
    if (i.windowId !== windowId) continue;
    const span: Span = [i.startAt, i.endAt ?? now];
    if (i.kind === 'duty') {
      add(duty, i.staffId, span);
      if (!onRoster(roster, windowId, i.staffId)) offRoster.push({ staffId: i.staffId, span });
    } else if (i.kind === 'away') {
      add(away, i.staffId, span);
      if (i.post === 'A') awayA.push(span);
      else if (i.post === 'B') awayB.push(span);
    } else cover.push(span);
  }
  // Present: signed in here and not away, for everyone who counts as cover.
  const present: Span[] = [];
  for (const [staffId, spans] of duty) {
    if (input.offRosterCovers || onRoster(roster, windowId, staffId)) present.push(...subtract(union(spans), away.get(staffId) ?? []));
  }
  const covered = intersect(present, service);
  // Per session, so lunch never joins a morning gap to an afternoon one.
  const gaps = input.sessions.flatMap((s) => subtract(intersect(service, [[s.start, s.end]]), covered));
  const kongang = gaps.filter(([a, b]) => b - a > input.kongangMinutes * 60_000);
  const both = input.abNotAwayTogether ? intersect(intersect(union(awayA), union(awayB)), service) : [];
  const offRosterSpans = intersect(offRoster.map((o) => o.span), service);
  const serviceMs = total(service);
  const coveredMs = total(covered);
  return {
    windowId,
    date: input.date,
    working: input.working,
    serviceMinutes: minutes(serviceMs),
    coveredMinutes: minutes(coveredMs),
    uncoveredMinutes: minutes(serviceMs - coveredMs),
    coverageRate: serviceMs > 0 ? Math.round((coveredMs / serviceMs) * 10_000) / 10_000 : null,
    kongang: { count: kongang.length, minutes: minutes(total(kongang)) },
    coverMinutes: minutes(total(intersect(cover, service))),
    bothAway: { count: both.length, minutes: minutes(total(both)) },
    offRoster: {
      minutes: minutes(total(offRosterSpans)),
      staff: [...new Set(offRoster.filter((o) => intersect([o.span], service).length > 0).map((o) => o.staffId))].sort(),
    },
  };
}
