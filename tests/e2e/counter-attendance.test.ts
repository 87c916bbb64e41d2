/**
 * 我的考勤 in real Chromium against a real hub: a staffer's first week of November 2026 made
 * through the API with the hub's clock moved (on time, 12 minutes late with a 45-minute meeting,
 * 10 minutes early, a day of approved 事假, an afternoon never signed in), then on Monday 9th they
 * log in at the counter, sign in, press M and read their month; Esc returns to the desk. The
 * figures are worked out by hand. Then, by keyboard alone, they ask for the afternoon off (半天
 * 事假) from the month, see it pending, a manager approves it through the API, and the month shows
 * it approved. YC_SCREENSHOT_DIR=docs/screenshots keeps the 1920×1080 pictures.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochOfLocal } from '../../server/domain/time.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, 'Asia/Shanghai');

let a: TestArchive;
let h: TestHub;
let browser: Browser;
let now = at('2026-11-02', '08:00');
let m1 = '';

beforeAll(async () => {
  a = await testArchive('sqlite', 'counter-attendance-e2e');
  h = await testHub('counter-attendance-e2e', { config: hubConfig(), archive: a.location, archiver: false, clock: () => now });
  const [s1, manager] = await Promise.all([h.login('s1'), h.login('m1')]);
  m1 = manager;
  const step = async (date: string, hhmm: string, path: string, body: unknown = {}, token = s1) => {
    now = at(date, hhmm);
    const r = await h.api('POST', path, body, token);
    expect(r.status, `${date} ${hhmm} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  const w = '/api/windows/t1-1';
  await step('2026-11-02', '08:25', `${w}/sign-in`, { post: 'A' });
  await step('2026-11-02', '17:40', `${w}/sign-out`); // in the sign-out hour: on time
  await step('2026-11-03', '08:42', `${w}/sign-in`, { post: 'A' }); // 12 minutes late
  await step('2026-11-03', '10:00', `${w}/away`, { reason: 'meeting' });
  await step('2026-11-03', '10:45', `${w}/back`);
  await step('2026-11-03', '17:35', `${w}/sign-out`);
  await step('2026-11-04', '08:20', `${w}/sign-in`, { post: 'A' });
  await step('2026-11-04', '17:20', `${w}/sign-out`); // 10 minutes early
  const leave = await step('2026-11-04', '17:21', '/api/halls/t1/leave', { type: 'personal', days: { from: '2026-11-05', to: '2026-11-05' }, reason: '家中有事' });
  await step('2026-11-04', '17:30', `/api/halls/t1/leave/${leave.request.id}/decision`, { approve: true }, m1);
  await step('2026-11-06', '08:25', `${w}/sign-in`, { post: 'A' });
  await step('2026-11-06', '12:00', `${w}/sign-out`); // and never back in the afternoon: 旷工 half a day
  await step('2026-11-09', '08:20', '/api/halls/t1/corrections', { date: '2026-11-06', punch: 'pm_in', time: '13:30', reason: '忘记签到' });
  await step('2026-11-09', '08:22', '/api/halls/t1/leave', { type: 'annual', days: { from: '2026-11-20', to: '2026-11-20' }, reason: '年休' });
  now = at('2026-11-09', '08:28');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  await a?.cleanup();
});

/** s1 logged in at the counter and signed in at window 1 (A), at the desk. */
async function atTheDesk(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page: Page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page]', err.message));
  page.setDefaultTimeout(8000);
  await page.goto(`${h.url}/counter/terminal.html`);
  await page.fill('[data-testid=login-username]', 's1');
  await page.fill('[data-testid=login-password]', 'pw-s1');
  await page.keyboard.press('Enter');
  // The first desk of this file is still signed in at the window: the second login takes it over.
  await page.locator('[data-testid=signin-t1-1-A], [data-testid=no-ticket], [data-testid=takeover-confirm]').first().waitFor();
  if (await page.locator('[data-testid=takeover-confirm]').count()) await page.keyboard.press('Enter');
  await page.locator('[data-testid=signin-t1-1-A], [data-testid=no-ticket]').first().waitFor();
  if (await page.locator('[data-testid=signin-t1-1-A]').count()) await page.click('[data-testid=signin-t1-1-A]');
  await page.waitForSelector('[data-testid=no-ticket]');
  return { page, close: () => context.close() };
}

const requestTexts = async (page: Page) => (await page.locator('[data-testid=month-requests] li').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());

describe('我的考勤 at the counter, by keyboard', () => {
  it('opens the signed-in staffer’s month with M, shows it, and returns to the desk with Esc', async () => {
    const { page, close } = await atTheDesk();

    await page.keyboard.press('m');
    const month = page.locator('[data-testid=my-month]');
    await expect.poll(() => month.getAttribute('aria-labelledby')).toBe('my-month-title');
    await expect.poll(() => page.locator('#my-month-title').textContent()).toBe('我的考勤 · 2026年11月');
    // 2, 3, 4 November whole days, the 6th's morning: 7 half-days = 3.5 of November's 22 working days (the 28th is a working Saturday).
    await expect.poll(() => page.locator('[data-testid=month-present]').textContent()).toBe('3.5 / 22 天');
    expect(await page.locator('[data-testid=month-late]').textContent()).toBe('1 次 · 12 分钟');
    expect(await page.locator('[data-testid=month-early]').textContent()).toBe('1 次 · 10 分钟');
    expect(await page.locator('[data-testid=month-missed]').textContent()).toBe('0 次');
    expect(await page.locator('[data-testid=month-absence]').textContent()).toBe('1 个半天');
    expect(await page.locator('[data-testid=month-leave]').textContent()).toContain('事假 1 天');
    expect(await page.locator('[data-testid=month-away]').textContent()).toContain('会议 1 次 · 45 分钟');
    expect(await page.locator('[data-testid=day-2026-11-03]').textContent()).toContain('上午 出勤 · 迟到 12 分钟；下午 出勤');
    expect(await page.locator('[data-testid=day-2026-11-06]').textContent()).toContain('下午 旷工（未签到）');
    expect(await requestTexts(page)).toEqual([
      '事假 11/5 08:30 – 11/5 17:30 已批准',
      '补签 · 下午签到 11/6 13:30 待审批 撤销',
      '年休假 11/20 08:30 – 11/20 17:30 待审批 撤销',
    ]);
    await page.screenshot({ path: join(process.env.YC_SCREENSHOT_DIR ?? tmpdir(), 'terminal-my-month.png') });

    // The desk's keys rest while it is open: F1 called nobody.
    expect(await page.locator('[data-testid=no-ticket]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => month.count()).toBe(0);
    await page.waitForSelector('[data-testid=no-ticket]');
    await close();
  });

  it('asks for the afternoon off (半天 事假) by keyboard, shows it pending, then approved once a manager approves', async () => {
    const { page, close } = await atTheDesk();
    await page.keyboard.press('m');
    await page.waitForSelector('[data-testid=month-requests]');
    await page.keyboard.press('l');
    const form = page.locator('[data-testid=leave-form]');
    await form.waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    // Focus starts on the type (事假 checked); 半天 is the default span.
    expect(await focused()).toBe('leave-type-personal');
    expect(await page.locator('[data-testid=leave-mode-half]').isChecked()).toBe(true);
    // The date defaults to today by the terminal's clock (the hub's, through its Date header); the
    // day asked for is set here. The field is Chromium's own widget, whose keys depend on the locale.
    await page.fill('[data-testid=leave-date]', '2026-11-09');
    await page.focus('[data-testid=leave-type-personal]');
    // Tab on to the half-day choice (the date field takes a Tab per part), then → picks 下午.
    for (let i = 0; i < 8 && (await focused()) !== 'leave-half-am'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('leave-half-am');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-testid=leave-half-pm]').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('leave-reason');
    await page.keyboard.type('孩子学校开家长会');
    await page.screenshot({ path: join(process.env.YC_SCREENSHOT_DIR ?? tmpdir(), 'terminal-leave-request.png') });
    await page.keyboard.press('Enter');

    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=leave-outcome]').textContent()).toBe('申请已提交，等待审批');
    await expect.poll(() => requestTexts(page)).toContain('事假 11/9 13:30 – 11/9 17:30 待审批 撤销');

    const pending = await h.api('GET', '/api/halls/t1/leave?status=pending&from=2026-11-09&to=2026-11-09', undefined, m1);
    const mine = (pending.body as { items: { id: string; reason: string; startAt: number; endAt: number; leaveType: string }[] }).items;
    expect(mine.map((r) => [r.leaveType, r.reason, r.startAt, r.endAt])).toEqual([['personal', '孩子学校开家长会', at('2026-11-09', '13:30'), at('2026-11-09', '17:30')]]);
    const decided = await h.api('POST', `/api/halls/t1/leave/${mine[0]!.id}/decision`, { approve: true }, m1);
    expect(decided.status).toBe(200);

    // ← → reads the month again: the request is approved.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('#my-month-title').textContent()).toBe('我的考勤 · 2026年10月');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await requestTexts(page)).some((r) => r.startsWith('事假 11/9 13:30 – 11/9 17:30 已批准'))).toBe(true);
    // The desk's keys rested all along: no ticket was called by Space, L or Enter.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=no-ticket]');
    await close();
  });
});
