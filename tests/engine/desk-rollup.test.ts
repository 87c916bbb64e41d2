/** The 下辖大厅 roll-ups (server/domain/desk/rollup.ts), each expected value worked out by hand. */
import { describe, expect, it } from 'vitest';
import { crossRanking, monthRollup, todayRollup } from '../../server/domain/desk/rollup.js';
import { emptyToday } from '../../server/domain/desk/today.js';
import type { MonthEvaluation } from '../../server/domain/evaluation/result.js';

const staff = (staffId: string, total: number, rank: number) => ({ staffId, name: staffId, total, rank, grade: total >= 90 ? 'excellent' : 'pass' });
const month = (hallId: string, rows: ReturnType<typeof staff>[], satisfaction: number | null) =>
  ({ hallId, month: '2026-11', staff: rows, windows: [], hall: satisfaction === null ? null : { satisfaction } }) as unknown as MonthEvaluation;

describe('todayRollup', () => {
  it('counts the waiting tickets, the tickets done today (not missed or cancelled) and the alerts not resolved', () => {
    const today = emptyToday('2026-12-02');
    const fact = (status: string) => ({ status }) as never;
    today.facts = { a: fact('done'), b: fact('done'), c: fact('missed'), d: fact('cancelled'), e: fact('waiting'), f: fact('serving') };
    today.alerts = [
      { alertId: '1', kind: 'wait_over_target', raisedAt: 1 },
      { alertId: '2', kind: 'bad_review', raisedAt: 2, resolvedAt: 3 },
      { alertId: '3', kind: 'away_uncovered', raisedAt: 4, ack: { by: 'm1', at: 5 } },
    ];
    // Acknowledged is not resolved: alert 3 still counts.
    expect(todayRollup({ waiting: [1, 2, 3] }, today)).toEqual({ waiting: 3, served: 2, openAlerts: 2 });
  });
});

describe('monthRollup', () => {
  it('takes the hall’s 满意率 and the mean of the staff totals, to two decimals', () => {
    // (98 + 91.5 + 85) / 3 = 91.5
    expect(monthRollup(month('t1', [staff('a', 98, 1), staff('b', 91.5, 2), staff('c', 85, 3)], 0.97))).toEqual({ month: '2026-11', satisfaction: 0.97, averageScore: 91.5, staffCount: 3 });
    // (100 + 90 + 90) / 3 = 93.333… → 93.33
    expect(monthRollup(month('t1', [staff('a', 100, 1), staff('b', 90, 2), staff('c', 90, 2)], null)).averageScore).toBe(93.33);
    expect(monthRollup(month('t3', [], null))).toEqual({ month: '2026-11', satisfaction: null, averageScore: null, staffCount: 0 });
  });
});

describe('crossRanking', () => {
  it('ranks the staff of several halls together, highest first, equal totals sharing a rank (1, 2, 2, 4), stable by hall then 工号', () => {
    const rows = crossRanking([
      month('t1', [staff('s1', 93, 2), staff('s2', 101, 1)], 0.99),
      month('t2', [staff('u1', 93, 1)], 1),
      month('t3', [staff('v1', 70, 1)], 1),
    ]);
    expect(rows.map((r) => [r.rank, r.hallId, r.staffId, r.hallRank])).toEqual([
      [1, 't1', 's2', 1],
      [2, 't1', 's1', 2],
      [2, 't2', 'u1', 1],
      [4, 't3', 'v1', 1],
    ]);
  });
});
