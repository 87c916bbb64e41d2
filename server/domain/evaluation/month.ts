/**
 * A month as the evaluation counts it: from local midnight of its first day to local midnight of
 * the next month's first day, in the hall's zone. A month is closed once its end has passed.
 * Pure.
 */
import { epochOfLocal, localTime } from '../time.js';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** '2026-12' → '2026-11'; '2026-01' → '2025-12'. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month (YYYY-MM) an instant falls in, in the hall's zone. */
export const monthOf = (epochMs: number, timeZone: string): string => localTime(epochMs, timeZone).date.slice(0, 7);

/** [start, end) of the month in epoch ms. */
export function monthSpan(month: string, timeZone: string): { start: number; end: number } {
  return { start: epochOfLocal(`${month}-01`, '00:00', timeZone), end: epochOfLocal(`${nextMonth(month)}-01`, '00:00', timeZone) };
}

/** The latest month that has ended at `now`: the one before the current month. */
export const lastClosedMonth = (now: number, timeZone: string): string => previousMonth(monthOf(now, timeZone));
