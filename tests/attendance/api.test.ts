/** The attendance API: a staffer's own day from the live stream, leave through HTTP, refusals, the CSV export, OpenAPI. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochOfLocal } from '../../server/domain/time.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, 'Asia/Shanghai');

describe('the attendance API', () => {
  let a: TestArchive;
  let h: TestHub;
  let now = at('2026-11-23', '08:20'); // Monday
  let s1: string, s2: string, manager: string, inspector: string, pad: string;
  beforeAll(async () => {
    a = await testArchive('sqlite', 'attendance-api');
    h = await testHub('attendance-api', { config: hubConfig(), archive: a.location, archiver: false, clock: () => now });
    [s1, s2, manager, inspector, pad] = await Promise.all([h.login('s1'), h.login('s2'), h.login('m1'), h.login('i1'), h.device('pad', 't1-1')]);
    now = at('2026-11-23', '08:40');
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    now = at('2026-11-23', '10:00');
  });
  afterAll(async () => {
    await h?.cleanup();
    await a?.cleanup();
  });

  it('shows a staffer their own day from the live events: 10 minutes late, the afternoon still to come', async () => {
    const r = await h.api('GET', '/api/halls/t1/attendance/staff/s1?date=2026-11-23', undefined, s1);
    expect(r.status).toBe(200);
    expect(r.body.totals).toMatchObject({ staffId: 's1', late: { count: 1, minutes: 10 }, absenceHalfDays: 0 });
    expect(r.body.days[0].sessions).toEqual([{ name: 'am', status: 'present', lateMinutes: 10 }, { name: 'pm', status: 'open' }]);
    expect(r.body.days[0].calendar).toMatchObject({ working: true, kind: 'workday' });
  });

  it('lets a staffer read only their own record; managers and inspectors read all, devices nothing', async () => {
    expect((await h.api('GET', '/api/halls/t1/attendance/staff/s1?date=2026-11-23', undefined, s2)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/attendance/staff/s1?date=2026-11-23', undefined, inspector)).status).toBe(200);
    expect((await h.api('GET', '/api/halls/t1/attendance?month=2026-11', undefined, s1)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/attendance/windows/1?month=2026-11', undefined, pad)).status).toBe(403);
    const w = await h.api('GET', '/api/halls/t1/attendance/windows/1?date=2026-11-23', undefined, manager);
    // 08:30–10:00 = 90 service minutes so far, s1 there from 08:40: 80 covered, nothing past the 30-minute 空岗 line.
    expect(w.body.totals).toMatchObject({ windowId: 't1-1', serviceMinutes: 90, coveredMinutes: 80, uncoveredMinutes: 10, kongang: { count: 0, minutes: 0 } });
    expect((await h.api('GET', '/api/halls/t1/attendance?date=2026-11-23&month=2026-11', undefined, manager))).toMatchObject({ status: 400, body: { field: 'query.month' } });
    expect((await h.api('GET', '/api/halls/nope/attendance?month=2026-11', undefined, manager)).status).toBe(404);
  });

  it('takes leave through HTTP: requested by the staffer, refused to a colleague, approved by a manager, audited', async () => {
    const req = await h.api('POST', '/api/halls/t1/leave', { type: 'personal', hours: { date: '2026-11-24', from: '09:00', to: '11:00' }, reason: '办理户口' }, s1);
    expect(req).toMatchObject({ status: 201, body: { request: { status: 'pending', level: 'window_head', staffId: 's1' } } });
    const id = req.body.request.id as string;
    expect(await h.api('POST', `/api/halls/t1/leave/${id}/decision`, { approve: true }, s2)).toMatchObject({ status: 403, body: { error: 'not_allowed' } });
    expect(await h.api('POST', `/api/halls/t1/leave/${id}/decision`, { approve: true }, pad)).toMatchObject({ status: 403 });
    expect(await h.api('POST', `/api/halls/t1/leave/${id}/decision`, { approve: 'yes' }, manager)).toMatchObject({ status: 400, body: { field: 'body.approve' } });
    expect(await h.api('POST', '/api/halls/t1/leave', { type: 'holiday', days: { from: '2026-11-25', to: '2026-11-25' }, reason: 'x' }, s1)).toMatchObject({ status: 400, body: { field: 'body.type' } });
    expect(await h.api('POST', '/api/halls/t1/leave', { type: 'sick', days: { from: '2026-11-28', to: '2026-11-27' }, reason: 'x' }, s1)).toMatchObject({ status: 400, body: { error: 'bad_dates' } });
    expect((await h.api('GET', '/api/halls/t1/leave', undefined, manager)).body.items).toHaveLength(1);
    expect(await h.api('POST', `/api/halls/t1/leave/${id}/decision`, { approve: true, note: '同意' }, manager)).toMatchObject({ status: 200, body: { request: { status: 'approved', decidedBy: 'm1' } } });
    const audit = await h.api('GET', `/api/halls/t1/leave/${id}/audit`, undefined, s1);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['requested', 'approved']);
    expect((await h.api('GET', `/api/halls/t1/leave/${id}/audit`, undefined, s2)).status).toBe(403);
    // s2 sees only their own requests.
    expect((await h.api('GET', '/api/halls/t1/leave', undefined, s2)).body.items).toEqual([]);
  });

  it('exports the month as CSV with a byte-order mark and a row per staffer and window', async () => {
    const res = await fetch(`${h.url}/api/halls/t1/attendance/export?month=2026-11`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attendance-t1-2026-11.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('迟到次数 late');
    expect(text.split('\r\n').find((l) => l.startsWith('s1,'))).toMatch(/^s1,张伟,/);
    expect(text).toContain('t1-1,');
  });

  it('exports the day as an xlsx workbook to managers and inspectors only: s1 10 minutes late, window 1 covered 80 of 90 minutes', async () => {
    const get = (token: string) => fetch(`${h.url}/api/halls/t1/attendance/export.xlsx?date=2026-11-23`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(s1)).status).toBe(403);
    expect((await get(pad)).status).toBe(403);
    const res = await get(inspector);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('attendance-t1-2026-11-23.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const staff = book.getWorksheet('人员考勤')!;
    expect(staff.getCell('A1').value).toBe('人员考勤汇总 2026-11-23');
    const s1Row = staff.getColumn(1).values.indexOf('s1');
    expect([staff.getCell(s1Row, 2).value, staff.getCell(s1Row, 7).value, staff.getCell(s1Row, 8).value]).toEqual(['张伟', 1, 10]);
    const windows = book.getWorksheet('窗口覆盖')!;
    expect((windows.getRow(3).values as unknown[]).slice(1, 7)).toEqual(['t1-1', '1 号窗口 综合受理一', 90, 80, 10, 0.8889]);
    expect(await h.api('GET', '/api/halls/t1/attendance/export.xlsx?month=2026-13', undefined, manager)).toMatchObject({ status: 400, body: { field: 'query.month' } });
  });

  it('documents every attendance route in OpenAPI', async () => {
    const doc = (await h.api('GET', '/api/openapi.json')).body;
    for (const p of ['/api/halls/{hallId}/attendance', '/api/halls/{hallId}/attendance/export', '/api/halls/{hallId}/attendance/export.xlsx', '/api/halls/{hallId}/attendance/staff/{staffId}', '/api/halls/{hallId}/attendance/windows/{number}', '/api/halls/{hallId}/leave', '/api/halls/{hallId}/corrections', '/api/halls/{hallId}/leave/{requestId}/decision', '/api/halls/{hallId}/leave/{requestId}/cancel', '/api/halls/{hallId}/leave/{requestId}/return', '/api/halls/{hallId}/leave/{requestId}/audit']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
  });
});
