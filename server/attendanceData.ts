/**
 * Reads what the attendance functions need for a period: duty intervals from the archive (past
 * days) and from today's events in Redis (the live day, folded by the same foldDuty), leave and
 * corrections from SQL. I/O only; the rules are in domain/attendance.
 */
import type { CommandContext } from './commands/context.js';
import type { Hall } from './domain/hall.js';
import { datesOfMonth } from './domain/calendar/calendar.js';
import { dutyIntervals, type DutyInterval } from './domain/facts.js';
import { attendancePeriod, type AttendancePeriod } from './domain/attendance/period.js';
import { sessionsOf } from './domain/attendance/sessions.js';
import { compactDate, localTime } from './domain/time.js';
import type { ArchiveDb } from './store/archive/database.js';
import type { LeaveStore } from './store/archive/leaveStore.js';
import { archivedIntervals } from './store/archive/monthFacts.js';
import type { HallEvent } from './protocol.js';

export interface AttendanceSources {
  ctx: CommandContext;
  db: ArchiveDb;
  leave: LeaveStore;
}

/** A period: one date or a month. */
export type Period = { date: string } | { month: string };
export const periodDates = (p: Period): string[] => ('date' in p ? [p.date] : datesOfMonth(p.month));

async function liveEvents(ctx: CommandContext, hallId: string): Promise<HallEvent[]> {
  const firstId = await ctx.store.firstEventId(hallId);
  if (firstId === undefined) return [];
  const out: HallEvent[] = [];
  for (let after = firstId - 1; ; ) {
    const batch = await ctx.store.eventsAfter(hallId, after, 5000);
    if (!batch?.length) break;
    out.push(...batch);
    after = batch.at(-1)!.id;
  }
  return out;
}

export async function loadIntervals(src: AttendanceSources, hall: Hall, from: number, to: number): Promise<DutyInterval[]> {
  const byId = new Map<string, DutyInterval>((await archivedIntervals(src.db, hall.id, from, to)).map((i) => [i.id, i]));
  // The live day is newer than the archive: its version of an interval wins.
  const tz = hall.config.timeZone;
  for (const i of dutyIntervals(await liveEvents(src.ctx, hall.id), (t) => compactDate(localTime(t, tz).date))) {
    if (i.startAt < to && (i.endAt ?? Infinity) > from) byId.set(i.id, i);
  }
  return [...byId.values()];
}

/**
 * A hall's attendance for a period. `intervals`, when given, are the hall's duty intervals over at
 * least the period's sessions (loadIntervals over a wider span will do: each day takes its own), so
 * a reader that needs them for something else too reads them once.
 */
export async function hallAttendance(src: AttendanceSources, hall: Hall, period: Period, intervals?: Promise<DutyInterval[]>): Promise<AttendancePeriod> {
  const dates = periodDates(period);
  const { schedule, timeZone } = hall.config;
  const from = sessionsOf(schedule, timeZone, dates[0]!)[0]!.start;
  const to = sessionsOf(schedule, timeZone, dates.at(-1)!).at(-1)!.end;
  const [read, requests] = await Promise.all([intervals ?? loadIntervals(src, hall, from, to), src.leave.list(hall.id, { from, to, status: ['approved'] })]);
  return attendancePeriod({ hall: hall.config, intervals: read, requests, now: src.ctx.clock() }, dates);
}
