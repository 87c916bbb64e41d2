/**
 * Staffed time (the denominator of utilisation and of tickets per staffed hour): signed in at a
 * window and not away (离岗), the lunch break excluded (S81, S82: serving ÷ (signed in − paused)).
 * A staffer's time is counted once even at two windows; a window's time is anyone present there.
 * Pure, over the duty intervals of facts.ts; open intervals end at `now`.
 */
import type { DutyInterval } from '../facts.js';
import { intersect, subtract, total, union, type Span } from '../attendance/spans.js';
import type { HallDays } from './rules.js';

export interface StaffedTime {
  /** Seconds per staffer. */
  byStaff: Map<string, number>;
  /** Seconds per window. */
  byWindow: Map<string, number>;
  /** Seconds of all staff per business day (YYYYMMDD). */
  byDay: Map<string, number>;
  /** Seconds per staffer per business day. */
  byStaffDay: Map<string, Map<string, number>>;
}

const DAY = 86_400_000;

export function staffedTime(intervals: readonly DutyInterval[], days: HallDays, now: number): StaffedTime {
  const presence = new Map<string, Map<string, Span[]>>(); // staff → window → spans present
  const dayList = new Set<string>();
  const spansOf = (staffId: string, windowId: string): Span[] => {
    let w = presence.get(staffId);
    if (!w) presence.set(staffId, (w = new Map()));
    let s = w.get(windowId);
    if (!s) w.set(windowId, (s = []));
    return s;
  };
  const aways = new Map<string, Span[]>();
  for (const i of intervals) {
    dayList.add(i.day);
    const span: Span = [i.startAt, i.endAt ?? now];
    if (i.kind === 'duty') spansOf(i.staffId, i.windowId).push(span);
    else if (i.kind === 'away') {
      const key = `${i.staffId}\u0000${i.windowId}`;
      const list = aways.get(key) ?? [];
      list.push(span);
      aways.set(key, list);
    }
  }
  const lunches: Span[] = [];
  const dayBounds = new Map<string, Span>();
  for (const d of dayList) {
    const t = days.of(d);
    if (t.lunch) lunches.push([t.lunch[0], t.lunch[1]]);
    dayBounds.set(d, [t.midnight, t.midnight + DAY]);
  }

  const byStaff = new Map<string, number>();
  const byStaffDay = new Map<string, Map<string, number>>();
  const byDay = new Map<string, number>();
  const windowSpans = new Map<string, Span[]>();
  for (const [staffId, windows] of presence) {
    const all: Span[] = [];
    for (const [windowId, duty] of windows) {
      const present = subtract(subtract(union(duty), aways.get(`${staffId}\u0000${windowId}`) ?? []), lunches);
      all.push(...present);
      const list = windowSpans.get(windowId) ?? [];
      list.push(...present);
      windowSpans.set(windowId, list);
    }
    const merged = union(all);
    byStaff.set(staffId, total(merged) / 1000);
    const perDay = new Map<string, number>();
    for (const [d, bounds] of dayBounds) {
      const s = total(intersect(merged, [bounds])) / 1000;
      if (s > 0) {
        perDay.set(d, s);
        byDay.set(d, (byDay.get(d) ?? 0) + s);
      }
    }
    byStaffDay.set(staffId, perDay);
  }
  const byWindow = new Map<string, number>();
  for (const [w, spans] of windowSpans) byWindow.set(w, total(spans) / 1000);
  return { byStaff, byWindow, byDay, byStaffDay };
}
