/**
 * One window's cover on one date (在岗覆盖): a window is covered while someone on its A/B roster
 * (or anyone, where the hall allows it) is signed in there and not away (DESIGN.md §5). Pure.
 */
import type { DutyInterval } from '../facts.js';
import type { Session } from './sessions.js';
import { intersect, minutes, subtract, total, union, type Span } from './spans.js';
import { onRoster, presentAt, type CountMinutes, type Roster } from './staffDay.js';

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

const runs = (spans: readonly Span[]): Span[] => union(spans);

export function windowDay(input: WindowDayInput): WindowDay {
  const { now } = input;
  const service: Span[] = input.working ? input.sessions.map((s): Span => [s.start, Math.min(s.end, now)]).filter(([a, b]) => b > a) : [];
  const here = input.intervals.filter((i) => i.windowId === input.windowId);
  const people = [...new Set(here.map((i) => i.staffId))];
  const counted = people.filter((p) => input.offRosterCovers || onRoster(input.roster, input.windowId, p));
  const covered = intersect(counted.flatMap((p) => presentAt(here, p, input.windowId, now)), service);
  // Per session, so lunch never joins a morning gap to an afternoon one.
  const gaps = input.sessions.flatMap((s) => subtract(intersect(service, [[s.start, s.end]]), covered));
  const kongang = gaps.filter(([a, b]) => b - a > input.kongangMinutes * 60_000);

  const awayOf = (post: 'A' | 'B'): Span[] => union(here.filter((i) => i.kind === 'away' && i.post === post).map((i): Span => [i.startAt, i.endAt ?? now]));
  const both = input.abNotAwayTogether ? runs(intersect(intersect(awayOf('A'), awayOf('B')), service)) : [];

  const offRoster = here.filter((i) => i.kind === 'duty' && !onRoster(input.roster, input.windowId, i.staffId));
  const offRosterSpans = intersect(offRoster.map((i): Span => [i.startAt, i.endAt ?? now]), service);
  const serviceMs = total(service);
  const coveredMs = total(covered);
  return {
    windowId: input.windowId,
    date: input.date,
    working: input.working,
    serviceMinutes: minutes(serviceMs),
    coveredMinutes: minutes(coveredMs),
    uncoveredMinutes: minutes(serviceMs - coveredMs),
    coverageRate: serviceMs > 0 ? Math.round((coveredMs / serviceMs) * 10_000) / 10_000 : null,
    kongang: { count: kongang.length, minutes: minutes(total(kongang)) },
    coverMinutes: minutes(total(intersect(here.filter((i) => i.kind === 'cover').map((i): Span => [i.startAt, i.endAt ?? now]), service))),
    bothAway: { count: both.length, minutes: minutes(total(both)) },
    offRoster: {
      minutes: minutes(total(offRosterSpans)),
      staff: [...new Set(offRoster.filter((i) => intersect([[i.startAt, i.endAt ?? now]], service).length > 0).map((i) => i.staffId))].sort(),
    },
  };
}
