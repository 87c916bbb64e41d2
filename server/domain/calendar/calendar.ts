/**
 * A hall's calendar: which dates are working days and why. Pure.
 *
 * Order of precedence, strongest first:
 *   1. the hall's own `holidays` (a day it closes, whatever the nation does);
 *   2. the hall's own `workdays` (a 调休 Saturday it adds, or a 周末不打烊 / holiday opening);
 *   3. the national calendar (chinaHolidays.ts), unless the hall turns it off;
 *   4. the hall's weekday pattern.
 * A date in a year the national data does not cover is decided by 4 and reported as `unknownYear`,
 * so callers can warn instead of silently treating 春节 as a working week.
 */
import type { Schedule } from '../../config.js';
import { chinaHolidays, type HolidayYear } from './chinaHolidays.js';

export type DayKind =
  /** A working weekday. */
  | 'workday'
  /** A weekend day (or other day off the weekday pattern). */
  | 'rest'
  /** A national holiday (放假). */
  | 'holiday'
  /** A national 调休 working day (a Saturday or Sunday made a working day). */
  | 'makeup'
  /** A day the hall itself closes. */
  | 'hall_closed'
  /** A day the hall itself opens off its pattern (周末不打烊, a local 调休). */
  | 'hall_open';

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The national data has no entry for this date's year: the weekday pattern decided. */
  unknownYear: boolean;
}

export interface CalendarSource {
  /** YYYY-MM-DD dates: national holidays and 调休 working days per year. */
  years: Record<number, HolidayYear>;
}

export const national: CalendarSource = { years: chinaHolidays };

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export class HallCalendar {
  private readonly hallOff: Set<string>;
  private readonly hallOn: Set<string>;
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();
  private readonly years: Set<number>;

  constructor(
    readonly schedule: Pick<Schedule, 'weekdays' | 'holidays' | 'workdays'> & { nationalCalendar?: boolean },
    source: CalendarSource = national,
  ) {
    this.hallOff = new Set(schedule.holidays);
    this.hallOn = new Set(schedule.workdays);
    const useNational = schedule.nationalCalendar !== false;
    this.years = new Set(useNational ? Object.keys(source.years).map(Number) : []);
    if (useNational) {
      for (const y of Object.values(source.years)) {
        for (const d of y.off) this.off.add(d);
        for (const d of y.work) this.on.add(d);
      }
    }
  }

  day(date: string): CalendarDay {
    const unknownYear = this.schedule.nationalCalendar !== false && !this.years.has(Number(date.slice(0, 4)));
    const r = (working: boolean, kind: DayKind): CalendarDay => ({ date, working, kind, unknownYear });
    if (this.hallOff.has(date)) return r(false, 'hall_closed');
    if (this.hallOn.has(date)) return r(true, 'hall_open');
    if (this.off.has(date)) return r(false, 'holiday');
    if (this.on.has(date)) return r(true, 'makeup');
    return this.schedule.weekdays.includes(isoWeekday(date)) ? r(true, 'workday') : r(false, 'rest');
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /** Years in [from, to] the national data does not cover (empty when the hall turned it off). */
  unknownYears(fromDate: string, toDate: string): number[] {
    if (this.schedule.nationalCalendar === false) return [];
    const out: number[] = [];
    for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) if (!this.years.has(y)) out.push(y);
    return out;
  }
}

/** Every date of a month 'YYYY-MM', in order. */
export function datesOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
