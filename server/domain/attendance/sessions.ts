/**
 * A working day's sessions (半天): the morning from opening to the lunch break and the afternoon
 * from the end of lunch to closing, or one session when the hall has no lunch break. Attendance
 * is judged per session: late and early against its start and end, absence by half-days (S1, S22).
 */
import type { Schedule } from '../../config.js';
import { epochOfLocal } from '../time.js';

export type SessionName = 'am' | 'pm' | 'day';

export interface Session {
  name: SessionName;
  start: number;
  end: number;
}

/** The sessions of a date (YYYY-MM-DD), whether or not it is a working day (the calendar says that). */
export function sessionsOf(schedule: Pick<Schedule, 'open' | 'close' | 'lunch'>, timeZone: string, date: string): Session[] {
  const at = (hhmm: string) => epochOfLocal(date, hhmm, timeZone);
  if (!schedule.lunch) return [{ name: 'day', start: at(schedule.open), end: at(schedule.close) }];
  return [
    { name: 'am', start: at(schedule.open), end: at(schedule.lunch[0]) },
    { name: 'pm', start: at(schedule.lunch[1]), end: at(schedule.close) },
  ];
}

/** A punch (打卡) is a session's edge: am_in, am_out, pm_in, pm_out, or day_in/day_out without lunch. */
export type Punch = `${SessionName}_${'in' | 'out'}`;
export const punches: readonly Punch[] = ['am_in', 'am_out', 'pm_in', 'pm_out', 'day_in', 'day_out'];
