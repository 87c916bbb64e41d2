/**
 * The month-end evaluation's reader: for a closed month of a hall, the archive's ticket facts and
 * duty intervals (store/archive/monthFacts.ts), the attendance period as the attendance pages
 * compute it (attendanceData.ts hallAttendance), the casework's records (EvaluationRecordsSource)
 * and the month before's result, handed to the pure evaluateMonth with the hall's rules. I/O only.
 */
import type { AttendanceSources } from './attendanceData.js';
import { hallAttendance } from './attendanceData.js';
import type { MonthEvaluator } from './commands/evaluation/evaluationContext.js';
import { datesOfMonth } from './domain/calendar/calendar.js';
import { monthSpan } from './domain/evaluation/month.js';
import type { EvaluationRecords, EvaluationRecordsSource } from './domain/evaluation/records.js';
import { evaluateMonth } from './domain/evaluation/score.js';
import { compactDate } from './domain/time.js';
import { monthIntervals, monthTicketFacts } from './store/archive/monthFacts.js';

const noRecords: EvaluationRecords = { cases: [], findings: [], complaints: [], commendations: [] };

export function monthEvaluator(sources: AttendanceSources & { records?: EvaluationRecordsSource }): MonthEvaluator {
  return async (hall, month, previous, asOf) => {
    const dates = datesOfMonth(month);
    const { start, end } = monthSpan(month, hall.config.timeZone);
    const [facts, intervals, attendance, records] = await Promise.all([
      monthTicketFacts(sources.db, hall.id, compactDate(dates[0]!), compactDate(dates.at(-1)!)),
      monthIntervals(sources.db, hall.id, start, end),
      hallAttendance(sources, hall, { month }),
      sources.records ? sources.records.recordsFor(hall.id, start, end, asOf) : Promise.resolve(noRecords),
    ]);
    const rules = hall.config.evaluation;
    const evaluation = evaluateMonth({ hall: hall.config, month, facts, intervals, attendance, records, rules, previous, now: end });
    return { evaluation, rules };
  };
}
