/**
 * Hall-local time. A hall lives in its own time zone (Asia/Shanghai by default) whatever the
 * server's zone is: business days, issuing hours and numbering all follow the hall's clock.
 */
import type { Schedule } from '../config.js';
import { HallCalendar } from './calendar/calendar.js';
import { fixedOffsetMinutes } from './zones.js';

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

export interface LocalTime {
  /** YYYY-MM-DD in the hall's zone: the business day. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

// Zones without a fixed offset (zones.ts) ask Intl. Building a formatter costs far more than
// using one: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// formatToParts costs microseconds and every command asks it (issuing hours, business day): the
// answer only changes once a minute, so each zone remembers its last minute. Exact since 1972,
// when the last zones with offsets in seconds (Liberia's) went to whole minutes.
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1972, 4, 1);
const lastMinute = new Map<string, { minute: number; local: LocalTime }>();

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const minute = Math.floor(epochMs / 60_000);
  const cached = lastMinute.get(timeZone);
  if (cached?.minute === minute && epochMs >= WHOLE_MINUTE_OFFSETS_SINCE) return cached.local;
  const offset = fixedOffsetMinutes(timeZone, epochMs);
  const local = offset === undefined ? fromIntl(epochMs, timeZone) : shiftedUtc(epochMs + offset * 60_000);
  lastMinute.set(timeZone, { minute, local });
  return local;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A zone with a fixed offset (zones.ts): the UTC fields of the instant moved by that offset. */
function shiftedUtc(shifted: number): LocalTime {
  const d = new Date(shifted);
  return Object.freeze({
    date: `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
    weekday: d.getUTCDay() || 7,
  });
}

function fromIntl(epochMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  return Object.freeze({
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: weekdays[parts.weekday ?? ''] ?? 0,
  });
}

/**
 * "2026-12-01 00:15" on the hall's clock: what a ticket and a report print (a server may run in
 * UTC; people read the time on the wall of the hall).
 */
export function wallClockText(epochMs: number, timeZone: string): string {
  const { date, minutes } = localTime(epochMs, timeZone);
  return `${date} ${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** "08:30" → 510. "24:00" is the end of the day. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** A hall open until 24:00 ends its day at the midnight rollover, not at a closing job (sweep.lua). */
export const closesAtMidnight = (close: string): boolean => clockMinutes(close) >= 24 * 60;

/** The business day as it appears in keys and ticket ids: 20261123. */
export const compactDate = (date: string): string => date.replaceAll('-', '');

// One calendar per schedule object: issuing asks on every ticket.
const calendars = new WeakMap<Schedule, HallCalendar>();
export function calendarOf(schedule: Schedule): HallCalendar {
  let c = calendars.get(schedule);
  if (!c) calendars.set(schedule, (c = new HallCalendar(schedule)));
  return c;
}

/** Is this date a working day of the hall (weekday pattern, national holidays and 调休, the hall's own days)? calendar/calendar.ts. */
export function isWorkingDay(schedule: Schedule, local: LocalTime): boolean {
  return calendarOf(schedule).isWorkingDay(local.date);
}

export function withinSpans(minutes: number, spans: readonly (readonly [string, string])[]): boolean {
  return spans.some(([from, to]) => minutes >= clockMinutes(from) && minutes < clockMinutes(to));
}

/**
 * Epoch ms of a hall-local wall-clock time on a given local date. Time zones here have no DST
 * (China), but this stays correct across an offset change by correcting once.
 */
export function epochOfLocal(date: string, hhmm: string, timeZone: string): number {
  // A month's attendance and metrics ask the same few times of every day again and again, and
  // each answer costs an Intl call: remember them (a pure function of its three strings).
  const key = `${timeZone}|${date}|${hhmm}`;
  const known = epochs.get(key);
  if (known !== undefined) return known;
  if (epochs.size >= 50_000) epochs.clear();
  const at = computeEpochOfLocal(date, hhmm, timeZone);
  epochs.set(key, at);
  return at;
}
const epochs = new Map<string, number>();

function computeEpochOfLocal(date: string, hhmm: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y!, mo! - 1, d!, 0, clockMinutes(hhmm));
  const seen = localTime(guess, timeZone);
  const [sy, sm, sd] = seen.date.split('-').map(Number) as [number, number, number];
  const seenUtc = Date.UTC(sy, sm - 1, sd);
  const offsetMin = (seenUtc - Date.UTC(y!, mo! - 1, d!)) / 60_000 + seen.minutes - clockMinutes(hhmm);
  return guess - offsetMin * 60_000;
}

/** A compact business day moved by whole days: shiftDay('20261201', -2) = '20261129'. */
export function shiftDay(compact: string, days: number): string {
  const t = Date.UTC(Number(compact.slice(0, 4)), Number(compact.slice(4, 6)) - 1, Number(compact.slice(6, 8)) + days);
  return new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
}
