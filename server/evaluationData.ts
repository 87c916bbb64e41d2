/**
 * The month-end evaluation's reader: for a closed month of a hall, the month's metrics counted
 * in the archive (store/archive/monthMetrics.ts: the domain's per-ticket definitions in SQL, the
 * staffed time from the month's duty intervals), the attendance period as the attendance pages
 * compute it (attendanceData.ts hallAttendance, from the same intervals, read once), the casework's records
 * (EvaluationRecordsSource) and the month before's result, handed to the pure evaluateMonth with
 * the hall's rules. I/O only. `npm run bench:evaluate` times this path for a city's halls.
 */
import type { AttendanceSources } from './attendanceData.js';
import { hallAttendance, loadIntervals } from './attendanceData.js';
import type { MonthEvaluator } from './commands/evaluation/evaluationContext.js';
import { datesOfMonth } from './domain/calendar/calendar.js';
import { monthSpan } from './domain/evaluation/month.js';
import type { EvaluationRecords, EvaluationRecordsSource } from './domain/evaluation/records.js';
import { evaluateMonth } from './domain/evaluation/score.js';
import { compactDate } from './domain/time.js';
import { monthMetrics } from './store/archive/monthMetrics.js';

const noRecords: EvaluationRecords = { cases: [], findings: [], complaints: [], commendations: [] };

export function monthEvaluator(sources: AttendanceSources & { records?: EvaluationRecordsSource }): MonthEvaluator {
  return async (hall, month, previous, asOf) => {
    const dates = datesOfMonth(month);
    const { start, end } = monthSpan(month, hall.config.timeZone);
    // The month's duty intervals, read once: the metrics' staffed time and the attendance both take them.
    const intervals = loadIntervals(sources, hall, start, end);
    intervals.catch(() => undefined); // awaited by both below; a failure fails the evaluation there
    const [metrics, attendance, records] = await Promise.all([
      monthMetrics(sources.db, { hall: hall.config, fromDay: compactDate(dates[0]!), toDay: compactDate(dates.at(-1)!), intervals, now: end }),
      hallAttendance(sources, hall, { month }, intervals),
      sources.records ? sources.records.recordsFor(hall.id, start, end, asOf) : Promise.resolve(noRecords),
    ]);
    const rules = hall.config.evaluation;
    const evaluation = evaluateMonth({ hall: hall.config, month, metrics, attendance, records, rules, previous, now: end });
    return { evaluation, rules };
  };
}
