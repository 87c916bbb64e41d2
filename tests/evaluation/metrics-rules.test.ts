/**
 * The metrics' and the evaluation rules' edges, each worked out by hand: a transfer counts for
 * who made it, a live day's open interval runs to now, the efficiency deduction's full steps,
 * and the rules file refusing what cannot be right.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';
import { defaultEvaluationRules } from '../../server/evaluationConfig.js';
import { rateDeduction } from '../../server/domain/evaluation/efficiencyItems.js';
import type { DutyInterval } from '../../server/domain/facts.js';
import { metricRulesOf, metricsOf, type MetricTicket } from '../../server/domain/metrics/index.js';
import { epochOfLocal } from '../../server/domain/time.js';

const at = (hhmm: string) => epochOfLocal('2026-11-02', hhmm, 'Asia/Shanghai');
const hall = parseConfig({
  halls: [{
    id: 'm1', name: '指标', level: 'town', schedule: { lunch: ['12:00', '13:30'] }, rules: { waitTargetMinutes: 15 },
    services: [{ id: 'social', name: '社保', prefix: 'A', standardMinutes: 10 }],
    windows: [{ number: 1, name: '一', tiers: [['social']] }, { number: 2, name: '二', tiers: [['social']] }],
    staff: [{ id: 'a', name: '甲', posts: [{ window: 1, post: 'A' }] }, { id: 'b', name: '乙', posts: [{ window: 2, post: 'A' }] }],
  }],
}).halls[0]!;
const rules = metricRulesOf(hall);

describe('metrics', () => {
  it('a transfer counts for the staffer and window that made it; its wait is to the first call', () => {
    // issued 09:00, called by a at window 1 at 09:04, transferred 09:10, called by b at window 2 at 09:30, done 09:40
    const t: MetricTicket = {
      ticketId: 'm1-20261102-A001', day: '20261102', service: 'social', status: 'done', issuedAt: at('09:00'),
      firstCalledAt: at('09:04'), lastCalledAt: at('09:30'), finishedAt: at('09:40'), handlingSeconds: 16 * 60,
      staffId: 'b', windowId: 'm1-2', noShows: 0, transfers: 1, transferPath: [{ staffId: 'a', fromWindowId: 'm1-1' }],
    };
    const m = metricsOf({ tickets: [t], rules, now: at('18:00') });
    expect(m.byStaff.get('a')!.transfers).toBe(1);
    expect(m.byStaff.get('b')!.transfers).toBe(0);
    expect(m.byWindow.get('m1-1')!.transfers).toBe(1);
    expect(m.hall.transfers).toBe(1);
    expect(m.hall.waitAvgSeconds).toBe(240); // 4 min, not 30
    expect(m.byStaff.get('b')!.handlingOverStandard).toBe(1); // 16 min > 10
  });

  it("today's open interval runs to now: signed in 08:30, away 10:00–10:15, still in at 11:00 → 75 min staffed", () => {
    const open: DutyInterval[] = [
      { id: 'd', kind: 'duty', staffId: 'a', windowId: 'm1-1', post: 'A', startAt: at('08:30'), startEvent: 1, day: '20261102' },
      { id: 'w', kind: 'away', staffId: 'a', windowId: 'm1-1', post: 'A', reason: 'meal', startAt: at('10:00'), startEvent: 2, endAt: at('10:15'), endEvent: 3, day: '20261102' },
    ];
    const t: MetricTicket = { ticketId: 'm1-20261102-A002', day: '20261102', service: 'social', status: 'done', issuedAt: at('08:40'), firstCalledAt: at('08:45'), lastCalledAt: at('08:45'), finishedAt: at('09:00'), handlingSeconds: 15 * 60, staffId: 'a', windowId: 'm1-1', noShows: 0, transfers: 0 };
    const m = metricsOf({ tickets: [t], intervals: open, rules, now: at('10:45') });
    // 08:30–10:45 = 135 min, less 15 away = 120 min; serving 15 min → 0.125; 1 ticket / 2 h = 0.5 an hour
    expect(m.byStaff.get('a')!.staffedSeconds).toBe(120 * 60);
    expect(m.byStaff.get('a')!.utilisation).toBe(0.125);
    expect(m.byStaff.get('a')!.ticketsPerStaffedHour).toBe(0.5);
    expect(m.byWindow.get('m1-1')!.staffedSeconds).toBe(120 * 60);
  });

  it('nothing measured gives nulls, not zeros or NaN', () => {
    const m = metricsOf({ tickets: [], rules, now: at('10:00') });
    expect(m.hall).toMatchObject({ served: 0, waitAvgSeconds: null, waitP90Seconds: null, handlingAvgSeconds: null, participation: null, satisfaction: null, strictSatisfaction: null, noShowRate: null, utilisation: null });
  });
});

describe('the efficiency deduction counts full steps of 2 points above 10 %', () => {
  const rule = defaultEvaluationRules().deductions.efficiency.waitOverTarget;
  it.each([
    [10, 100, 0], // at the line
    [11, 100, 0], // 1 point over: no full step
    [12, 100, 1],
    [139, 1000, 1], // 13.9 %
    [14, 100, 2],
    [1, 3, 11], // 33.3 %: 23.3 over → 11
    [0, 0, 0], // nothing called
  ])('%i of %i → −%i', (over, of, points) => {
    expect(rateDeduction(over, of, rule)).toBe(points);
  });
});

describe('the evaluation rules refuse what cannot be right', () => {
  const base = { id: 'r1', name: '规则', level: 'town', services: [{ id: 's', name: 's', prefix: 'A', standardMinutes: 5 }], windows: [{ number: 1, name: '一', tiers: [['s']] }], staff: [{ id: 'a', name: '甲' }] };
  const issues = (evaluation: unknown): string[] => {
    try {
      parseConfig({ halls: [{ ...base, evaluation }] });
      return [];
    } catch (e) {
      return (e as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    }
  };
  it('takes the defaults when absent', () => {
    expect(parseConfig({ halls: [base] }).halls[0]!.evaluation).toEqual(defaultEvaluationRules());
  });
  it('weights that do not sum to the base', () => {
    expect(issues({ weights: { efficiency: 30 } })).toEqual(['halls.0.evaluation.weights: the category weights sum to 105, not the base 100']);
  });
  it('grades out of order, a negative deduction, an unknown complaint kind, an unknown chief', () => {
    expect(issues({ grades: { good: 95 } })).toEqual(['halls.0.evaluation.grades: grades must run excellent ≥ good ≥ pass']);
    expect(issues({ deductions: { attendance: { absenceHalfDay: -5 } } })[0]).toMatch(/^halls\.0\.evaluation\.deductions\.attendance\.absenceHalfDay: /);
    expect(issues({ veto: { complaintKinds: ['rudeness'] } })[0]).toMatch(/^halls\.0\.evaluation\.veto\.complaintKinds\.0: /);
    expect(issues({ awards: { chiefs: ['nobody'] } })).toEqual(['halls.0.evaluation.awards.chiefs.0: unknown staff "nobody"']);
  });
});
