/**
 * Staffed time (the denominator of utilisation and of tickets per staffed hour): signed in at a
 * window and not away (离岗), the lunch break excluded (S81, S82: serving ÷ (signed in − paused)).
 * A staffer's time is counted once even at two windows; a window's time is anyone present there.
 * Pure, over the duty intervals of facts.ts; open intervals end at `now`.
 */
import type { DutyInterval } from '../facts.js';
import { subtract, total, union, type Span } from '../attendance/spans.js';
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
  const dayBounds: { day: string; from: number; to: number }[] = [];
  for (const d of dayList) {
    const t = days.of(d);
    if (t.lunch) lunches.push([t.lunch[0], t.lunch[1]]);
    dayBounds.push({ day: d, from: t.midnight, to: t.midnight + DAY });
  }
  dayBounds.sort((a, b) => a.from - b.from);

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
    // Each present span split over the business days it meets (both lists sorted: one sweep).
    const perDayMs = new Map<string, number>();
    let first = 0;
    for (const [a, b] of merged) {
      while (first < dayBounds.length && dayBounds[first]!.to <= a) first += 1;
      for (let k = first; k < dayBounds.length && dayBounds[k]!.from < b; k++) {
        const { day, from, to } = dayBounds[k]!;
        const ms = Math.min(b, to) - Math.max(a, from);
        if (ms > 0) perDayMs.set(day, (perDayMs.get(day) ?? 0) + ms);
      }
    }
    const perDay = new Map<string, number>();
    for (const { day } of dayBounds) {
      const ms = perDayMs.get(day);
      if (ms === undefined) continue;
      perDay.set(day, ms / 1000);
      byDay.set(day, (byDay.get(day) ?? 0) + ms / 1000);
    }
    byStaffDay.set(staffId, perDay);
  }
  const byWindow = new Map<string, number>();
  for (const [w, spans] of windowSpans) byWindow.set(w, total(spans) / 1000);
  return { byStaff, byWindow, byDay, byStaffDay };
}
