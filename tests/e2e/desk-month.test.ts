/**
 * The desk's 月度, 差评 and 下辖大厅 views in real Chromium against a real hub (Redis, a SQLite
 * archive, the casework and the evaluation on). A county hall t1 with a town hall t2 under it and
 * a village room t3 under t2. November 2026 is seeded into the archive (duty and tickets); a 差评
 * is given at window 1 and a verified complaint recorded against 张伟 in November; the manager
 * computes November, then records a commendation and recomputes (version 2 with its diff).
 *
 * - 月度 shows the frozen month's ranking as the API holds it, the attention line, and the drill-down
 *   of 张伟 lists the complaint (−5, evaluation-defaults §7 S3) with its record and his trend;
 * - 差评 shows the case overdue (red: contact was due 1 working day after 23 Nov) and the manager
 *   assigns, verifies and rectifies it through the forms; a commendation is recorded through the form;
 * - 下辖大厅 lists t2 and t3 under t1 with today's waiting and served and the month's average, and
 *   opens t2 in the desk;
 * - a staffer's token opens none of it (page, and the API the views call).
 * YC_SCREENSHOT_DIR=docs/screenshots keeps the pictures (1920×1080).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { datesOfMonth, HallCalendar } from '../../server/domain/calendar/calendar.js';
import { epochOfLocal } from '../../server/domain/time.js';
import { intervalToRow, type FactRow } from '../../server/store/archive/rows.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const shots = process.env.YC_SCREENSHOT_DIR ?? tmpdir();
const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, TZ);

// t1 (county) as the helper makes it; t2 (town) under it, t3 (village) under t2, each with a manager.
const county = hubConfig().halls[0]!;
const config = parseConfig({
  halls: [
    county,
    {
      id: 't2', name: '测试镇便民服务中心', level: 'town', parent: 't1', timeZone: TZ,
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
      services: [{ id: 'social', name: '社保', prefix: 'A', standardMinutes: 8 }],
      windows: [{ number: 1, name: '综合受理', tiers: [['social']] }],
      staff: [
        { id: 'u1', name: '高峰', password: 'pw-u1', posts: [{ window: 1, post: 'A' }] },
        { id: 'm2', name: '镇主任', role: 'manager', password: 'pw-m2' },
      ],
    },
    {
      id: 't3', name: '测试村便民服务室', level: 'village', parent: 't2', timeZone: TZ,
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
      services: [{ id: 'social', name: '社保代办', prefix: 'A', standardMinutes: 10 }],
      windows: [{ number: 1, name: '代办', tiers: [['social']] }],
      staff: [
        { id: 'v1', name: '石红', password: 'pw-v1', posts: [{ window: 1, post: 'A' }] },
        { id: 'm3', name: '村书记', role: 'manager', password: 'pw-m3' },
      ],
    },
  ],
});

/** November's duty (every working day, on time) and a few tickets a day, each rated 5 or 4. */
function november(hallId: string, people: { id: string; window: number; post: 'A' | 'B'; services: string[] }[], calendar: HallCalendar) {
  const facts: FactRow[] = [];
  const intervals: ReturnType<typeof intervalToRow>[] = [];
  let ev = hallId === 't1' ? 1_000_000 : 2_000_000;
  for (const date of datesOfMonth('2026-11').filter((d) => calendar.day(d).working)) {
    const day = date.replaceAll('-', '');
    for (const [k, p] of people.entries()) {
      const windowId = `${hallId}-${p.window}`;
      intervals.push(intervalToRow(hallId, { id: `seed:${windowId}:duty:${p.id}:${ev}`, kind: 'duty', staffId: p.id, windowId, post: p.post, startAt: at(date, '08:25'), startEvent: ev++, endAt: at(date, '17:35'), endEvent: ev++, endCause: 'staff.signedOut', day }));
      for (let n = 0; n < 4; n++) {
        const issuedAt = at(date, '09:00') + (k * 4 + n) * 20 * MIN;
        const calledAt = issuedAt + 3 * MIN;
        const number = `A${String(k * 4 + n + 1).padStart(3, '0')}`;
        facts.push({
          hall_id: hallId, ticket_id: `${hallId}-${day}-${p.id}-${number}`, day, number, service_at_issue: p.services[0]!, service: p.services[0]!, priority: 'normal', channel: 'kiosk',
          status: 'done', outcome: 'completed', issued_at: issuedAt, first_called_at: calledAt, last_called_at: calledAt, started_at: calledAt + MIN / 2, finished_at: calledAt + 5 * MIN,
          cancelled_at: null, cancel_reason: null, wait_seconds: 180, handling_seconds: 270, window_id: windowId, window_number: p.window, staff_id: p.id, first_responder: p.id,
          recalls: 0, no_shows: 0, transfers: 0, transfer_path: '[]', rating_level: n === 3 ? 4 : 5, rating_reasons: null, rating_comment: null, rating_channel: 'pad', rated_at: calledAt + 6 * MIN,
          queued_at: null, track_token: null, rate_token: null, last_event_id: ev++,
        });
      }
    }
  }
  return { facts, intervals };
}

let a: TestArchive;
let h: TestHub;
let browser: Browser;
let now = at('2026-11-23', '10:00');
let m1 = '';
let s1 = '';

beforeAll(async () => {
  a = await testArchive('sqlite', 'desk-month-e2e');
  h = await testHub('desk-month-e2e', { config, archive: a.location, archiver: true, archiverOptions: { intervalMs: 200 }, jobs: true, clock: () => now });
  const [pad, kiosk] = await Promise.all([h.device('pad', 't1-1'), h.device('kiosk')]);
  [m1, s1] = await Promise.all([h.login('m1'), h.login('s1')]);
  // A 差评 at window 1 on Monday 23 November: its case opens.
  expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
  const ticket = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
  for (const step of ['call-next', 'start']) expect((await h.api('POST', `/api/windows/t1-1/${step}`, {}, s1)).status).toBe(200);
  expect((await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed' }, s1)).status).toBe(200);
  const asked = await h.api('GET', '/api/windows/t1-1/rating-request', undefined, pad);
  expect((await h.api('POST', `/api/tickets/${ticket.body.id}/rating`, { rateToken: asked.body.rateToken, level: 1, reasons: ['服务态度差'], comment: '等了很久没人理' }, pad)).status).toBe(201);
  await until(async () => ((await h.api('GET', '/api/halls/t1/cases', undefined, m1)).body.items?.length ? true : undefined), 10_000, 'the case');
  expect((await h.api('POST', '/api/windows/t1-1/sign-out', {}, s1)).status).toBe(200);

  const t1 = november('t1', [
    { id: 's1', window: 1, post: 'A', services: ['social'] }, { id: 's2', window: 2, post: 'A', services: ['land'] },
    { id: 's3', window: 3, post: 'A', services: ['tax'] }, { id: 's4', window: 3, post: 'B', services: ['tax'] },
  ], new HallCalendar(county.schedule));
  const t2 = november('t2', [{ id: 'u1', window: 1, post: 'A', services: ['social'] }], new HallCalendar(config.halls[1]!.schedule));
  for (const part of [t1, t2]) {
    for (let i = 0; i < part.facts.length; i += 200) await a.db.insertInto('ticket_facts').values(part.facts.slice(i, i + 200)).execute();
    for (let i = 0; i < part.intervals.length; i += 200) await a.db.insertInto('duty_intervals').values(part.intervals.slice(i, i + 200)).execute();
  }
  // December: November has closed; the manager computes it for t1 and t2 (t3 worked none of it).
  now = at('2026-12-02', '10:00');
  [m1, s1] = await Promise.all([h.login('m1'), h.login('s1')]);
  expect((await h.api('POST', '/api/halls/t1/complaints', { staffId: 's1', kind: 'general', note: '群众投诉办事拖延，经核实属实', at: at('2026-11-24', '10:00') }, m1)).status).toBe(201);
  for (const hall of ['t1', 't2']) {
    // The archiver (in this hub) first takes in November's events (the 差评's ticket).
    const r = await until(async () => {
      const x = await h.api('POST', `/api/halls/${hall}/evaluation/2026-11/recompute`, { reason: '月末计算' }, m1);
      return x.status === 409 && x.body.error === 'archive_behind' ? undefined : x;
    }, 20_000, 'the archive past November');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  await a?.cleanup();
});

async function desk(who: string, hash: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: TZ });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page]', err.message));
  page.setDefaultTimeout(10_000);
  await page.goto(`${h.url}/desk/desk.html${hash}`);
  await page.fill('[data-testid=desk-username]', who);
  await page.fill('[data-testid=desk-password]', `pw-${who}`);
  await page.click('[data-testid=desk-login]');
  return page;
}

describe('月度', () => {
  it('shows the frozen month’s ranking as computed, what needs attention, and a staffer’s drill-down to the complaint behind his deduction', async () => {
    const api = (await h.api('GET', '/api/halls/t1/evaluation/2026-11', undefined, m1)).body.evaluation;
    const page = await desk('m1', '#/month?month=2026-11');
    await page.waitForSelector('[data-testid=month-staff] tbody tr');
    expect(await page.getAttribute('[data-testid=month-version]', 'data-version')).toBe('1');
    // The rows in rank order, each with the total the frozen month holds.
    const rows = await page.$$eval('[data-testid=month-staff] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-testid'), tr.querySelector('.total')?.textContent?.trim()]));
    const expected = [...api.staff].sort((x: any, y: any) => x.rank - y.rank).map((s: any) => [`month-staff-${s.staffId}`, String(Math.round(s.total * 100) / 100)]);
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(4);
    // 张伟 carries the complaint (−5) and the at-fault-or-not-yet 差评: he is not first.
    expect(rows[0]![0]).not.toBe('month-staff-s1');
    expect(await page.locator('[data-testid=month-windows] tbody tr').count()).toBe(3);
    await page.waitForSelector('[data-testid=month-versions] li');
    await page.screenshot({ path: join(shots, 'desk-month.png') });

    await page.click('[data-testid=month-staff-s1]');
    await page.waitForSelector('[data-testid=drill-items]');
    const complaint = page.locator('[data-testid=drill-item][data-rule=complaint_verified_at_fault]');
    expect(await complaint.count()).toBe(1);
    expect(await complaint.textContent()).toContain('投诉核实属实');
    expect(await complaint.textContent()).toContain('−5');
    expect(await complaint.locator('[data-testid=drill-ref][data-kind=complaint]').textContent()).toContain('群众投诉办事拖延');
    expect(await page.textContent('[data-testid=drill-categories]')).toContain('服务礼仪');
    await page.waitForSelector('[data-testid=month-trend][data-points="1"]');
    await page.screenshot({ path: join(shots, 'desk-month-drill.png') });
    await page.context().close();
  });

  it('recomputes after a commendation: version 2, and the correction’s diff names what changed', async () => {
    expect((await h.api('POST', '/api/halls/t1/commendations', { staffId: 's2', kind: 'praise_letter', note: '群众送锦旗', at: at('2026-11-26', '15:00') }, m1)).status).toBe(201);
    const page = await desk('m1', '#/month?month=2026-11');
    await page.waitForSelector('[data-testid=recompute-reason]');
    await page.fill('[data-testid=recompute-reason]', '补录表扬');
    await page.click('[data-testid=recompute]');
    await page.waitForSelector('[data-testid=month-version][data-version="2"]');
    await page.waitForSelector('[data-testid=month-diff] li');
    const diff = await page.textContent('[data-testid=month-diff]');
    expect(diff).toContain('李娜');
    expect(diff).toContain('表扬信/锦旗');
    expect(await page.textContent('[data-testid=month-versions]')).toContain('补录表扬');
    await page.screenshot({ path: join(shots, 'desk-month-versions.png') });
    await page.context().close();
  });
});

describe('差评', () => {
  it('shows the case overdue in red, and the manager assigns, verifies and rectifies it; records a commendation through the form', async () => {
    const page = await desk('m1', '#/cases');
    const row = page.locator('[data-testid=case]');
    await page.waitForSelector('[data-testid=case][data-state=received]');
    expect(await row.getAttribute('data-tone')).toBe('over');
    expect(await row.textContent()).toContain('已超期');
    await page.click('[data-testid^=case-open-]');
    await page.selectOption('[data-testid=step-assignee]', 'm1');
    await page.click('[data-testid=step-submit]');
    await page.waitForSelector('[data-testid=case][data-state=verifying]');
    await page.click('[data-testid=step-verify]');
    await page.selectOption('[data-testid=step-outcome]', 'rectify');
    await page.fill('[data-testid=step-text]', '调取录像核实：态度生硬属实');
    await page.click('[data-testid=step-submit]');
    await page.waitForSelector('[data-testid=case][data-state=rectifying]');
    await page.fill('[data-testid=step-text]', '已谈话提醒并整改');
    await page.click('[data-testid=step-submit]');
    await page.waitForSelector('[data-testid=case][data-state=rectified]');
    const c = (await h.api('GET', '/api/halls/t1/cases', undefined, m1)).body.items[0];
    expect(c).toMatchObject({ state: 'rectified', assignee: 'm1', atFault: true, complexity: 'simple' });
    expect(c.steps.map((s: any) => s.action)).toEqual(['open', 'assign', 'verify', 'rectify']);

    await page.click('[data-testid=record-commendation]');
    await page.selectOption('[data-testid=record-staff]', 's3');
    await page.selectOption('[data-testid=record-kind]', 'extended_service');
    await page.fill('[data-testid=record-note]', '午休延时为群众办结');
    await page.click('[data-testid=record-submit]');
    await page.waitForSelector('[data-testid=record-done]');
    const recorded = (await h.api('GET', '/api/halls/t1/commendations?month=2026-12', undefined, m1)).body.items;
    expect(recorded.map((r: any) => [r.staffId, r.kind, r.recordedBy])).toEqual([['s3', 'extended_service', 'm1']]);
    await page.waitForSelector('[data-testid=record-commendations] li');
    await page.click('[data-testid^=case-open-]');
    await page.screenshot({ path: join(shots, 'desk-cases.png') });
    await page.context().close();
  });
});

describe('下辖大厅', () => {
  it('lists the town and village halls under the county with today’s and the month’s roll-ups, ranks their staff side by side, and opens one', async () => {
    const kiosk2 = await h.device('kiosk');
    void kiosk2;
    const m2 = await h.login('m2');
    for (let i = 0; i < 3; i++) expect((await h.api('POST', '/api/halls/t2/tickets', { serviceId: 'social' }, m2)).status).toBe(201);
    const page = await desk('m1', '#/halls');
    await page.waitForSelector('[data-testid=hall-t3]');
    expect(await page.getAttribute('[data-testid=hall-t2]', 'data-level')).toBe('town');
    expect(await page.getAttribute('[data-testid=hall-t3]', 'data-level')).toBe('village');
    expect(await page.textContent('[data-testid=hall-t2] [data-testid=rollup-waiting]')).toBe('3');
    expect(await page.textContent('[data-testid=hall-t3] [data-testid=rollup-waiting]')).toBe('0');
    // t2's November: one staffer, every rating 5 or 4 → 满意率 100 %; its average is that staffer's total.
    const u1 = (await h.api('GET', '/api/halls/t2/evaluation/2026-11/staff/u1', undefined, m1)).body.staff;
    expect(await page.textContent('[data-testid=hall-t2] [data-testid=rollup-satisfaction]')).toBe('100.0%');
    expect(await page.textContent('[data-testid=hall-t2] [data-testid=rollup-average]')).toBe(String(Math.round(u1.total * 100) / 100));
    expect(await page.textContent('[data-testid=hall-t3] [data-testid=rollup-average]')).toBe('—');
    // One ranking over both evaluated halls: t1's four and t2's one.
    const halls = await page.$$eval('[data-testid=cross-rank]', (trs) => trs.map((tr) => tr.getAttribute('data-hall')));
    expect(halls.sort()).toEqual(['t1', 't1', 't1', 't1', 't2']);
    await page.screenshot({ path: join(shots, 'desk-halls.png') });

    await page.click('[data-testid=hall-open-t2]');
    await page.waitForSelector('[data-testid=desk-hall][data-hall=t2]');
    await page.waitForSelector('[data-testid=desk-today]');
    await expect.poll(() => page.textContent('[data-testid=desk-hall]')).toContain('测试镇便民服务中心');
    await page.click('[data-testid=desk-back]');
    await page.waitForSelector('[data-testid=desk-hall][data-hall=t1]');
    await page.context().close();
  });

  it('refuses the town manager the county, and the county’s roll-up to a town manager', async () => {
    const m2 = await h.login('m2');
    expect((await h.api('GET', '/api/halls/t1/under', undefined, m2)).status).toBe(403);
    const own = await h.api('GET', '/api/halls/t2/under', undefined, m2);
    expect(own.status).toBe(200);
    expect(own.body.items.map((x: any) => x.hallId)).toEqual(['t2', 't3']);
    expect(own.body.items.map((x: any) => x.depth)).toEqual([0, 1]);
    expect((await h.api('GET', '/api/halls/t1/under')).status).toBe(401);
    expect((await h.api('GET', '/api/halls/nowhere/under', undefined, m2)).body.error).toBe('unknown_hall');
  });
});

describe('a staffer', () => {
  it('opens none of it: the desk sends them to the counter, and the views’ API refuses their token', async () => {
    const page = await desk('s1', '#/month');
    await page.waitForURL(/\/counter\/terminal\.html/);
    await page.context().close();
    for (const path of ['/api/halls/t1/under', '/api/halls/t1/evaluation/2026-11/versions', '/api/halls/t1/evaluation/2026-11/staff/s2', '/api/halls/t1/evaluation/2026-11.xlsx', '/api/halls/t1/cases?staffId=s2']) {
      expect((await h.api('GET', path, undefined, s1)).status, path).toBe(403);
    }
    expect((await h.api('POST', '/api/halls/t1/evaluation/2026-11/recompute', { reason: 'x' }, s1)).status).toBe(403);
    expect((await h.api('POST', '/api/halls/t1/commendations', { staffId: 's1', kind: 'media', note: '自己表扬自己' }, s1)).status).toBe(403);
    const c = (await h.api('GET', '/api/halls/t1/cases', undefined, m1)).body.items[0];
    expect((await h.api('POST', `/api/halls/t1/cases/${c.caseId}/steps`, { action: 'revisit', response: 'satisfied' }, s1)).status).toBe(403);
  });
});
