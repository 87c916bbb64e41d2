/**
 * The month-end evaluator (server/evaluationData.ts monthEvaluator) over a real archive, on SQLite
 * and PostgreSQL: a hall's duty intervals, read once, give both the metrics' staffed time and the
 * attendance; a failed read fails the evaluation with the database's error.
 *
 * November 2026 in the test hall: weekdays 2–6, 9–13, 16–20, 23–27, 30 and the working Saturday 28 =
 * 22 working days, sessions 08:30–12:00 and 13:30–17:30. s1 (A post of window 1) signs in 08:25 and out
 * 17:35 on every one of them but the 10th. Worked out by hand:
 * - staffed time: 21 days × (08:25–17:35 = 550 min, less the 90-min lunch) = 21 × 460 = 9660 min;
 * - the 10th: both half-days 旷工 (−5 each), a day of 旷工 (veto), and window 1 uncovered all day: two
 *   空岗 (a morning and an afternoon gap, each past the line) charged to its A post (−2 each);
 * - every other day: present, on time, nothing to deduct.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datesOfMonth } from '../../server/domain/calendar/calendar.js';
import type { DutyInterval } from '../../server/domain/facts.js';
import { epochOfLocal } from '../../server/domain/time.js';
import { monthEvaluator } from '../../server/evaluationData.js';
import { bulkWrite } from '../../server/store/archive/bulk.js';
import { sqliteHandle } from '../../server/store/archive/database.js';
import { LeaveStore } from '../../server/store/archive/leaveStore.js';
import { intervalToRow } from '../../server/store/archive/rows.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { testHall, type TestHall } from '../helpers/hall.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, TZ);
const workingDays = [
  ...['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23', '24', '25', '26', '27', '28', '30'].map((d) => `2026-11-${d}`),
];

describe.each(archiveKinds)('the month-end evaluator on %s', (kind) => {
  let archive: TestArchive;
  let hall: TestHall;
  beforeAll(async () => {
    archive = await testArchive(kind, 'evaluator');
    hall = await testHall(`evaluator-${kind}`, undefined, at('2026-12-01', '00:30'));
    const intervals: DutyInterval[] = workingDays
      .filter((d) => d !== '2026-11-10')
      .map((date, k) => ({
        id: `t1-1:duty:s1:${k}`, kind: 'duty', staffId: 's1', windowId: 't1-1', post: 'A',
        startAt: at(date, '08:25'), startEvent: 2 * k + 1, endAt: at(date, '17:35'), endEvent: 2 * k + 2, endCause: 'staff.signedOut', day: date.replaceAll('-', ''),
      }));
    expect(datesOfMonth('2026-11').filter((d) => workingDays.includes(d))).toHaveLength(22);
    await bulkWrite(archive.db, { table: 'duty_intervals', rows: intervals.map((i) => intervalToRow('t1', i)), key: ['hall_id', 'interval_id'], onConflict: 'nothing' }, sqliteHandle(archive.db));
  });
  afterAll(async () => {
    await hall?.cleanup();
    await archive?.cleanup();
  });

  const evaluate = () => monthEvaluator({ ctx: hall.ctx, db: archive.db, leave: new LeaveStore(archive.db) })(hall.ctx.halls.get('t1')!, '2026-11', [], at('2026-12-01', '00:30'));

  it("gives the staffed time and the attendance from the same intervals: s1's month worked out by hand", async () => {
    const { evaluation } = await evaluate();
    const s1 = evaluation.staff.find((s) => s.staffId === 's1')!;
    expect(s1.metrics.staffedSeconds).toBe(9660 * 60);
    const attendance = s1.items.filter((i) => i.category === 'attendance_discipline');
    expect(attendance.filter((i) => i.rule === 'absence_half_day').map((i) => [i.points, i.refs])).toEqual([
      [-5, [{ kind: 'attendance', id: 's1:2026-11-10' }]],
      [-5, [{ kind: 'attendance', id: 's1:2026-11-10' }]],
    ]);
    expect(attendance.filter((i) => i.rule === 'uncovered_window_kongang').map((i) => [i.points, i.refs])).toEqual([
      [-2, [{ kind: 'attendance', id: 't1-1:2026-11-10' }]],
      [-2, [{ kind: 'attendance', id: 't1-1:2026-11-10' }]],
    ]);
    expect(attendance.filter((i) => !['absence_half_day', 'uncovered_window_kongang'].includes(i.rule) && !i.veto)).toEqual([]);
    expect(s1.vetoed).toBe(true);
  });

  it("fails with the database's error when the intervals cannot be read (never an unhandled rejection)", async () => {
    await archive.db.schema.dropTable('duty_intervals').execute();
    await expect(evaluate()).rejects.toThrow(/duty_intervals/);
  });
});
