/**
 * The diff between two versions of a month, checked against the correction worked out by hand in
 * the golden fixture: 李娜's finding withdrawn and her 差评 voided.
 */
import { describe, expect, it } from 'vitest';
import { diffEvaluations } from '../../server/domain/evaluation/diff.js';
import type { MonthEvaluation } from '../../server/domain/evaluation/result.js';
import { goldenV1, goldenV2 } from './fixtures/goldenMonth.js';

describe('what a correction changed', () => {
  it('names the staffer whose items went, their new total and rank, the one they passed, and the windows whose staff mean moved', () => {
    const d = diffEvaluations(goldenV1, goldenV2);
    expect(d.same).toBe(false);
    expect(d.staff.map((s) => s.id)).toEqual(['s2', 's3']);
    const s2 = d.staff[0]!;
    expect(s2).toMatchObject({ status: 'changed', name: '李娜', total: { from: 90, to: 97 }, rank: { from: 3, to: 2 }, awardsGained: [], awardsLost: [], itemsAdded: [] });
    expect(s2.grade).toBeUndefined(); // 优秀 both times
    expect(s2.itemsRemoved.map((i) => [i.rule, i.points])).toEqual([['phone_games_video', -5], ['bad_review_verified_at_fault', -2]]);
    expect(d.staff[1]).toMatchObject({ id: 's3', rank: { from: 2, to: 3 }, itemsAdded: [], itemsRemoved: [] });
    expect(d.staff[1]!.total).toBeUndefined(); // 96 both times
    expect(d.windows.map((w) => [w.id, w.total])).toEqual([['t1-1', { from: 95.5, to: 97.25 }], ['t1-2', { from: 86.75, to: 88.5 }]]);
    expect(d.windows.every((w) => w.rank === undefined && w.awardsGained.length === 0)).toBe(true);
  });

  it('finds nothing between a version and itself', () => {
    expect(diffEvaluations(goldenV1, structuredClone(goldenV1))).toEqual({ staff: [], windows: [], same: true });
  });

  it('tells awards gained and lost, grades, and staff who appear or disappear', () => {
    const after: MonthEvaluation = structuredClone(goldenV1);
    after.staff[0]!.serviceStar = false; // 张伟 loses the star …
    after.staff[1]!.serviceStar = true; // … 王芳 gains it
    after.staff[3]!.grade = 'pass';
    after.staff[3]!.talk = false;
    after.windows[0]!.redFlag = false;
    after.staff.push({ ...structuredClone(goldenV1.staff[0]!), staffId: 's9', name: '新人', items: [] });
    after.staff.splice(2, 1); // 李娜 gone
    const d = diffEvaluations(goldenV1, after);
    const by = new Map(d.staff.map((s) => [s.id, s]));
    expect(by.get('s1')).toMatchObject({ awardsLost: ['service_star'], awardsGained: [] });
    expect(by.get('s3')).toMatchObject({ awardsGained: ['service_star'] });
    expect(by.get('s4')).toMatchObject({ grade: { from: 'good', to: 'pass' }, awardsLost: ['talk'] });
    expect(by.get('s9')).toMatchObject({ status: 'added', total: { from: null, to: 100 }, grade: { from: null, to: 'excellent' }, awardsGained: ['service_star'] });
    expect(by.get('s2')).toMatchObject({ status: 'removed', total: { from: 90, to: null } });
    expect(by.get('s2')!.itemsRemoved).toHaveLength(3);
    expect(d.windows).toEqual([expect.objectContaining({ id: 't1-1', awardsLost: ['red_flag'] })]);
  });

  it('counts repeated identical items one by one, and ignores the order of an item’s records', () => {
    const before: MonthEvaluation = structuredClone(goldenV1);
    const after: MonthEvaluation = structuredClone(goldenV1);
    const twice = before.staff[3]!.items;
    after.staff[3]!.items = [...twice, structuredClone(twice[3]!)]; // the complaint counted twice
    after.staff[3]!.items[2]!.refs.reverse();
    const d = diffEvaluations(before, after);
    expect(d.staff).toHaveLength(1);
    expect(d.staff[0]!.itemsAdded.map((i) => i.rule)).toEqual(['complaint_verified_at_fault']);
    expect(d.staff[0]!.itemsRemoved).toEqual([]);
  });
});
