/**
 * Deadlines in working days (工作日) on the hall's calendar: weekends, national holidays and 调休
 * Saturdays as the hall's calendar says (calendar/calendar.ts). Pure.
 *
 * "Within N working days" counts from the day after the event: a rating on Monday with one
 * working day to contact the rater is due by the end of Tuesday; one given on a Friday evening,
 * or on a holiday, by the end of the next working day. The due moment is 24:00 hall time.
 */
import type { HallCalendar } from '../calendar/calendar.js';
import { epochOfLocal, localTime } from '../time.js';

/** YYYY-MM-DD moved by whole days. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// A hall with no working day in two years has a broken calendar: stop rather than loop.
const MAX_DAYS = 800;

/** The date of the nth working day after `date` (n ≥ 1). */
export function nthWorkdayAfter(date: string, n: number, calendar: HallCalendar): string {
  let d = date;
  let counted = 0;
  for (let i = 0; i < MAX_DAYS; i++) {
    d = shiftDate(d, 1);
    if (calendar.isWorkingDay(d) && ++counted === n) return d;
  }
  throw new Error(`no ${n} working days within ${MAX_DAYS} days after ${date}: check the hall's schedule`);
}

/** Epoch ms of the end (24:00 hall time) of the nth working day after the day of `from`. */
export function workdaysDue(from: number, n: number, calendar: HallCalendar, timeZone: string): number {
  return epochOfLocal(nthWorkdayAfter(localTime(from, timeZone).date, n, calendar), '24:00', timeZone);
}
