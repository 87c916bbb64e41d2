/**
 * The evaluation API on a hub with a SQLite archive: a manager's correction makes version 2 and
 * says what changed; every reader sees what their role allows (staff: their own row only); the
 * drill-down brings the ticket behind a deduction from the archive; the workbook and the print
 * page are served; every refusal names its reason and changes nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthEvaluator } from '../../server/commands/evaluation/evaluationContext.js';
import { epochOfLocal } from '../../server/domain/time.js';
import { RecordStore } from '../../server/store/archive/casework/recordStore.js';
import { EvaluationStore } from '../../server/store/archive/evaluationStore.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';
import { goldenRules, goldenV1, goldenV2 } from './fixtures/goldenMonth.js';

const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, 'Asia/Shanghai');
const base = '/api/halls/t1/evaluation';

describe('the evaluation API', () => {
  let a: TestArchive;
  let h: TestHub;
  let store: EvaluationStore;
  let now = at('2026-11-20', '10:00');
  let results = [goldenV1, goldenV2];
  let manager: string, inspector: string, s2: string, s4: string, admin: string;
  const evaluate: MonthEvaluator = async () => ({ evaluation: results.shift() ?? goldenV2, rules: goldenRules });
  const versions = async () => (await store.versions('t1', '2026-11')).length;

  beforeAll(async () => {
    a = await testArchive('sqlite', 'evaluation-api');
    store = new EvaluationStore(a.db);
    h = await testHub('evaluation-api', { config: hubConfig(), archive: a.location, archiver: false, clock: () => now, evaluation: { evaluate } });
    [manager, inspector, s2, s4, admin] = await Promise.all([h.login('m1'), h.login('i1'), h.login('s2'), h.login('s4'), h.login('a1')]);
    // The ticket behind 李娜's 差评, as the archive keeps it.
    await a.db.insertInto('ticket_facts').values({
      hall_id: 't1', ticket_id: 't1-20261117-A014', day: '20261117', number: 'A014', service_at_issue: 'social', service: 'social', priority: 'normal', channel: 'kiosk',
      status: 'done', outcome: 'completed', issued_at: at('2026-11-17', '10:20'), first_called_at: at('2026-11-17', '10:41'), last_called_at: at('2026-11-17', '10:41'),
      started_at: at('2026-11-17', '10:42'), finished_at: at('2026-11-17', '11:01'), cancelled_at: null, cancel_reason: null, wait_seconds: 1260, handling_seconds: 1140,
      window_id: 't1-2', window_number: 2, staff_id: 's2', first_responder: 's2', recalls: 0, no_shows: 0, transfers: 0, transfer_path: '[]',
      rating_level: 2, rating_reasons: '["等候时间长"]', rating_comment: null, rating_channel: 'pad', rated_at: at('2026-11-17', '11:05'),
      queued_at: null, track_token: 'secret-track', rate_token: 'secret-rate', last_event_id: 40,
    }).execute();
  });
  afterAll(async () => {
    await h?.cleanup();
    await a?.cleanup();
  });

  it('refuses to compute a month that has not ended, and reads nothing before one is frozen', async () => {
    const r = await h.api('POST', `${base}/2026-11/recompute`, { reason: '提前计算' }, manager);
    expect(r).toMatchObject({ status: 409, body: { error: 'month_not_closed' } });
    expect((await h.api('GET', `${base}/2026-11`, undefined, manager))).toMatchObject({ status: 404, body: { error: 'not_evaluated' } });
    expect(await versions()).toBe(0);
  });

  it('lets a manager compute the closed month (version 1), then correct it (version 2) with what changed', async () => {
    now = at('2026-12-02', '09:00');
    const first = await h.api('POST', `${base}/2026-11/recompute`, { reason: '月末未自动计算' }, manager);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ version: expect.objectContaining({ version: 1, trigger: 'recompute', triggeredBy: 'm1', reason: '月末未自动计算', computedAt: now }), diff: null });
    now = at('2026-12-03', '15:00');
    const second = await h.api('POST', `${base}/2026-11/recompute`, { reason: '李娜申诉成立' }, manager);
    expect(second.status).toBe(201);
    expect(second.body.version).toMatchObject({ version: 2, basedOn: 1, reason: '李娜申诉成立' });
    expect(second.body.diff.staff.map((s: any) => [s.id, s.total, s.rank])).toEqual([
      ['s2', { from: 90, to: 97 }, { from: 3, to: 2 }],
      ['s3', undefined, { from: 2, to: 3 }],
    ]);
    expect(second.body.diff.staff[0].itemsRemoved.map((i: any) => i.rule)).toEqual(['phone_games_video', 'bad_review_verified_at_fault']);
  });

  it('serves the latest or an asked version, the list of versions and the diff between any two', async () => {
    const latest = await h.api('GET', `${base}/2026-11`, undefined, inspector);
    expect(latest.status).toBe(200);
    expect(latest.body.version.version).toBe(2);
    expect(latest.body.evaluation).toEqual(goldenV2);
    expect((await h.api('GET', `${base}/2026-11?version=1`, undefined, manager)).body.evaluation).toEqual(goldenV1);
    const list = await h.api('GET', `${base}/2026-11/versions`, undefined, manager);
    expect(list.body.items.map((v: any) => [v.version, v.trigger, v.triggeredBy])).toEqual([[1, 'recompute', 'm1'], [2, 'recompute', 'm1']]);
    const diff = await h.api('GET', `${base}/2026-11/diff?from=2&to=1`, undefined, inspector);
    expect(diff.body).toMatchObject({ from: 2, to: 1 });
    expect(diff.body.diff.staff.find((d: any) => d.id === 's2')).toMatchObject({ total: { from: 97, to: 90 }, rank: { from: 2, to: 3 } });
    expect((await h.api('GET', `${base}/2026-11/diff`, undefined, manager)).body).toMatchObject({ from: 1, to: 2 });
  });

  it('shows a staffer only their own row and drill-down', async () => {
    const own = await h.api('GET', `${base}/2026-11`, undefined, s2);
    expect(own.status).toBe(200);
    expect(own.body.evaluation).toEqual({ hallId: 't1', month: '2026-11', staff: [goldenV2.staff[1]], windows: [], hall: null });
    expect((await h.api('GET', `${base}/2026-11/staff/s2`, undefined, s2)).status).toBe(200);
    for (const path of ['/staff/s4', '/versions', '/diff', '/windows/1', '/print']) {
      expect(await h.api('GET', `${base}/2026-11${path}`, undefined, s2)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    }
    expect((await h.api('GET', `${base}/2026-11.xlsx`, undefined, s4)).status).toBe(403);
  });

  it('drills into a deduction: the 差评’s ticket comes from the archive, without the citizen’s tokens', async () => {
    const r = await h.api('GET', `${base}/2026-11/staff/s2?version=1`, undefined, manager);
    expect(r.status).toBe(200);
    expect(r.body.staff).toMatchObject({ staffId: 's2', total: 90, rank: 3 });
    expect(r.body.staff.items).toBeUndefined();
    const bad = r.body.items.find((i: any) => i.rule === 'bad_review_verified_at_fault');
    expect(bad.refs).toEqual([
      { kind: 'case', id: 'c-2', found: false },
      { kind: 'ticket', id: 't1-20261117-A014', found: true, record: expect.objectContaining({ ticketId: 't1-20261117-A014', number: 'A014', staffId: 's2', waitSeconds: 1260, rating: expect.objectContaining({ level: 2, reasons: ['等候时间长'] }) }) },
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/secret-track|secret-rate/);
    const w = await h.api('GET', `${base}/2026-11/windows/2`, undefined, inspector);
    expect(w.body).toMatchObject({ version: 2, window: { windowId: 't1-2', total: 88.5 }, items: [{ rule: 'uncovered_window_kongang', refs: [{ kind: 'attendance', found: false }] }] });
  });

  it('drills into a bonus: the commendation comes from the casework; one of another hall is not shown', async () => {
    const records = new RecordStore(a.db);
    const letter = { staffId: 's1', windowId: 't1-1', at: at('2026-11-12', '10:00'), kind: 'praise_letter' as const, note: '群众送来锦旗', evidence: [], recordedBy: 'm1', createdAt: at('2026-11-12', '10:30') };
    expect(await records.create('commendations', { ...letter, commendationId: 'cm-1', hallId: 't1' })).toBe(true);
    const r = await h.api('GET', `${base}/2026-11/staff/s1`, undefined, manager);
    const bonus = r.body.items.find((i: any) => i.category === 'bonus');
    expect(bonus.refs).toEqual([{ kind: 'commendation', id: 'cm-1', found: true, record: expect.objectContaining({ commendationId: 'cm-1', hallId: 't1', note: '群众送来锦旗', kind: 'praise_letter' }) }]);
    // The same id kept for another hall would not answer for this one.
    await a.db.deleteFrom('commendations').where('record_id', '=', 'cm-1').execute();
    expect(await records.create('commendations', { ...letter, commendationId: 'cm-1', hallId: 'elsewhere' })).toBe(true);
    const again = await h.api('GET', `${base}/2026-11/staff/s1`, undefined, manager);
    expect(again.body.items.find((i: any) => i.category === 'bonus').refs).toEqual([{ kind: 'commendation', id: 'cm-1', found: false }]);
  });

  it('serves the workbook and the print page of a version', async () => {
    const res = await fetch(`${h.url}${base}/2026-11.xlsx?version=1`, { headers: { authorization: `Bearer ${inspector}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('evaluation-t1-2026-11-v1.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as never);
    const ranking = book.getWorksheet('人员排名')!;
    expect([3, 4, 5, 6].map((r) => [ranking.getCell(r, 3).value, ranking.getCell(r, 10).value])).toEqual([['张伟', 100], ['王芳', 96], ['李娜', 90], ['刘洋', 85]]);
    const page = await fetch(`${h.url}${base}/2026-11/print`, { headers: { authorization: `Bearer ${manager}` } });
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<h1>测试县政务服务中心 2026年11月 月度考核通报</h1>');
    expect(html).toContain('第 2 版');
  });

  it('gives a staffer’s and a window’s month-by-month trend from the latest versions; a staffer only their own', async () => {
    const mine = await h.api('GET', '/api/halls/t1/evaluation/trend?staffId=s2', undefined, s2);
    expect(mine).toMatchObject({ status: 200, body: { items: [{ month: '2026-11', version: 2, total: 97, grade: 'excellent', rank: 2 }] } });
    expect((await h.api('GET', '/api/halls/t1/evaluation/trend?windowId=t1-2', undefined, inspector)).body.items).toEqual([{ month: '2026-11', version: 2, total: 88.5, grade: null, rank: 3 }]);
    expect((await h.api('GET', '/api/halls/t1/evaluation/trend?staffId=s4', undefined, s2)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/evaluation/trend?windowId=t1-2', undefined, s2)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/evaluation/trend', undefined, manager))).toMatchObject({ status: 400, body: { field: 'query.staffId' } });
  });

  it('refuses the wrong role, bad input and unknown versions with a named reason, and changes nothing', async () => {
    const before = await versions();
    const cases: [string, string, unknown, string | undefined, number, string][] = [
      ['POST', `${base}/2026-11/recompute`, { reason: '督查员想改' }, inspector, 403, 'forbidden'],
      ['POST', `${base}/2026-11/recompute`, { reason: '自己改' }, s2, 403, 'forbidden'],
      ['POST', `${base}/2026-11/recompute`, { reason: '无令牌' }, undefined, 401, 'unauthorized'],
      ['POST', `${base}/2026-11/recompute`, { reason: '管理员' }, admin, 403, 'forbidden'],
      ['POST', `${base}/2026-11/recompute`, {}, manager, 400, 'bad_request'],
      ['POST', `${base}/2026-11/recompute`, { reason: '   ' }, manager, 400, 'bad_request'],
      ['POST', `${base}/2026-11/recompute`, { reason: 'x', version: 1 }, manager, 400, 'bad_request'],
      ['POST', `${base}/2026-13/recompute`, { reason: '月份错' }, manager, 400, 'bad_request'],
      ['POST', `${base}/2026-12/recompute`, { reason: '本月未结束' }, manager, 409, 'month_not_closed'],
      ['POST', '/api/halls/nope/evaluation/2026-11/recompute', { reason: '无此中心' }, admin, 404, 'unknown_hall'],
      ['GET', `${base}/2026-11?version=0`, undefined, manager, 400, 'bad_request'],
      ['GET', `${base}/2026-11?version=9`, undefined, manager, 404, 'unknown_version'],
      ['GET', `${base}/2026-11/diff?from=1&to=1`, undefined, manager, 400, 'bad_request'],
      ['GET', `${base}/2026-11/staff/nobody`, undefined, manager, 404, 'unknown_staff'],
      ['GET', `${base}/2026-11/windows/9`, undefined, manager, 404, 'unknown_window'],
      ['GET', `${base}/2026-10`, undefined, manager, 404, 'not_evaluated'],
      ['GET', `${base}/11-2026`, undefined, manager, 400, 'bad_request'],
    ];
    for (const [method, path, body, token, status, error] of cases) {
      const r = await h.api(method, path, body, token);
      expect([path, r.status, r.body?.error]).toEqual([path, status, error]);
      expect(typeof r.body.message).toBe('string');
    }
    expect(await versions()).toBe(before);
    expect((await h.api('GET', `${base}/2026-10/diff`, undefined, manager)).status).toBe(404);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await h.api('GET', '/api/openapi.json')).body;
    for (const p of ['/api/halls/{hallId}/evaluation/trend', '/api/halls/{hallId}/evaluation/{month}', '/api/halls/{hallId}/evaluation/{month}.xlsx', '/api/halls/{hallId}/evaluation/{month}/versions',
      '/api/halls/{hallId}/evaluation/{month}/diff', '/api/halls/{hallId}/evaluation/{month}/recompute', '/api/halls/{hallId}/evaluation/{month}/staff/{staffId}',
      '/api/halls/{hallId}/evaluation/{month}/windows/{number}', '/api/halls/{hallId}/evaluation/{month}/print']) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
