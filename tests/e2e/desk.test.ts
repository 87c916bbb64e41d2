/**
 * The front page and the manager's desk in real Chromium against a real hub (Redis, SQLite
 * archive, the alert jobs on): the front page names the hall and its doors; a manager who logs in
 * at the counter lands on the desk, an inspector on the inspection page; a staffer's session is
 * refused by the desk (page, socket scope and API); a backlog past the wait target raises 等候超时
 * on the live view and the manager acknowledges it; approving leave at the desk changes the
 * roster; each action (help-desk ticket, cancel, close a window, pair and revoke a device) works.
 * YC_SCREENSHOT_DIR=docs/screenshots keeps the pictures (1920×1080, the wall at 3840×2160).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../../server/domain/time.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const shots = process.env.YC_SCREENSHOT_DIR ?? tmpdir();
// Always open (the demo hall's hours), the wait target at 3 seconds so a backlog crosses it while the test waits.
const config = hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }, rules: { waitTargetMinutes: 0.05 } });

let a: TestArchive;
let h: TestHub;
let browser: Browser;
let m1 = '';
let s1 = '';

beforeAll(async () => {
  a = await testArchive('sqlite', 'desk-e2e');
  h = await testHub('desk-e2e', { config, archive: a.location, archiver: false, jobs: true });
  [m1, s1] = await Promise.all([h.login('m1'), h.login('s1')]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  await a?.cleanup();
});

async function newPage(width = 1920, height = 1080): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page]', err.message));
  page.setDefaultTimeout(10_000);
  return page;
}

/** The desk, logged in as `who` through its own login form. */
async function desk(who = 'm1', hash = '#/today', width = 1920, height = 1080): Promise<Page> {
  const page = await newPage(width, height);
  await page.goto(`${h.url}/desk/desk.html${hash}`);
  await page.fill('[data-testid=desk-username]', who);
  await page.fill('[data-testid=desk-password]', `pw-${who}`);
  await page.click('[data-testid=desk-login]');
  return page;
}

describe('the front page and where each role lands', () => {
  it('shows the hall and a way in for each role at /', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/`);
    await expect.poll(() => page.textContent('[data-testid=home-halls]')).toContain('测试县政务服务中心');
    for (const door of ['door-counter', 'door-desk', 'door-inspect', 'door-admin']) expect(await page.locator(`[data-testid=${door}]`).count()).toBe(1);
    expect(await page.getAttribute('[data-testid=door-inspect]', 'href')).toBe('/inspect/');
    expect(await page.getAttribute('[data-testid=door-admin]', 'href')).toBe('/counter/admin.html');
    expect(await page.textContent('[data-testid=home-devices]')).toContain('配对');
    await page.screenshot({ path: join(shots, 'desk-front.png') });
    await page.context().close();
  });

  it('takes a manager who logs in at the counter to the desk, and an inspector to the inspection page', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/counter/terminal.html`);
    await page.fill('[data-testid=login-username]', 'm1');
    await page.fill('[data-testid=login-password]', 'pw-m1');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desk\/desk\.html/);
    await page.waitForSelector('[data-testid=desk-today]');
    await page.goto(`${h.url}/counter/terminal.html`);
    // The tab's session is the manager's: the counter sends them back to the desk at once.
    await page.waitForURL(/\/desk\/desk\.html/);
    await page.context().close();

    const inspector = await newPage();
    await inspector.goto(`${h.url}/counter/terminal.html`);
    await inspector.fill('[data-testid=login-username]', 'i1');
    await inspector.fill('[data-testid=login-password]', 'pw-i1');
    await inspector.keyboard.press('Enter');
    await inspector.waitForURL(/\/counter\/inspect\.html/);
    await inspector.context().close();
  });

  it('refuses a staffer: the desk login sends them to the counter; their session on the desk page is refused by the socket and the API', async () => {
    const page = await desk('s1');
    await page.waitForURL(/\/counter\/terminal\.html/);
    // A staffer's token planted in the desk's session: the hub refuses the desk scope.
    await page.goto(`${h.url}/desk/desk.html`);
    await page.evaluate((token) => sessionStorage.setItem('yichuang.counter.session', JSON.stringify({ token, staff: { id: 's1', name: '张伟', role: 'manager', hallId: 't1' } })), s1);
    await page.reload();
    await page.waitForSelector('[data-testid=desk-refused]');
    const status = await page.evaluate(async (token) => (await fetch('/api/halls/t1/alerts/x/ack', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' })).status, s1);
    expect(status).toBe(403);
    await page.context().close();
  });
});

describe('the live view', () => {
  it('shows a backlog’s 等候超时 alert as it is raised, red, and takes the manager’s acknowledgement with a note', async () => {
    const page = await desk();
    await page.waitForSelector('[data-testid=desk-today]');
    const s2 = await h.login('s2');
    expect((await h.api('POST', '/api/windows/t1-2/sign-in', { post: 'A' }, s2)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/t1-2/away', { reason: 'meeting' }, s2)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, m1)).status).toBe(201);
    await page.waitForSelector('[data-testid=alert][data-kind=wait_over_target][data-open=true]', { timeout: 10_000 });
    await page.waitForSelector('[data-testid=queue-social][data-tone=over]');
    expect(await page.textContent('[data-testid=attention-alerts]')).toContain('1');
    expect(await page.getAttribute('[data-testid=window-2]', 'data-state')).toBe('paused');
    await page.screenshot({ path: join(shots, 'desk-today.png') });

    await page.click('[data-testid=alert][data-kind=wait_over_target] [data-testid=alert-ack-button]');
    await page.fill('[data-testid=ack-note]', '已通知2号窗口尽快恢复');
    await page.click('[data-testid=ack-confirm]');
    await expect.poll(() => page.textContent('[data-testid=alert][data-kind=wait_over_target] [data-testid=alert-ack]')).toContain('周主任 已知悉');
    expect(await page.locator('[data-testid=attention-alerts]').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'desk-today-acknowledged.png') });
    await page.context().close();
  }, 40_000);

  it('shows the live view on the office wall at 3840×2160', async () => {
    const page = await desk('m1', '#/wall', 3840, 2160);
    await page.waitForSelector('[data-testid=desk-wall]');
    await page.waitForSelector('[data-testid=queue-social][data-tone=over]');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'desk-wall-4k.png') });
    expect(await page.locator('[data-testid=desk-wall] button').count()).toBe(0);
    await page.context().close();
  });
});

describe('approving leave changes the roster', () => {
  it('s3 asks for today off; the manager approves it at the desk; the roster says 请假', async () => {
    const today = localTime(Date.now(), 'Asia/Shanghai').date;
    const s3 = await h.login('s3');
    const asked = await h.api('POST', '/api/halls/t1/leave', { type: 'personal', days: { from: today, to: today }, reason: '家中有事' }, s3);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const page = await desk('m1', '#/leave');
    await page.waitForSelector('[data-testid=leave-s3]');
    await page.screenshot({ path: join(shots, 'desk-leave.png') });
    await page.click('[data-testid=tab-today]');
    await page.waitForSelector('[data-testid=roster-s3]');
    expect(await page.getAttribute('[data-testid=roster-s3]', 'data-status')).not.toBe('leave');
    await page.click('[data-testid=tab-leave]');
    await page.click('[data-testid=approve-s3]');
    await page.waitForSelector('[data-testid=leave-none]');
    await page.click('[data-testid=tab-today]');
    await page.waitForSelector('[data-testid=roster-s3][data-status=leave]');
    expect(await page.textContent('[data-testid=roster-s3]')).toContain('事假');
    await page.context().close();
  });
});

describe('the actions', () => {
  it('issues a ticket at the help desk, cancels one after a confirm, and closes a window after a confirm', async () => {
    const page = await desk('m1', '#/actions');
    await page.waitForSelector('[data-testid=desk-actions]');
    await page.selectOption('[data-testid=issue-service]', 'land');
    await page.click('[data-testid=issue-submit]');
    await expect.poll(() => page.textContent('[data-testid=action-message]')).toMatch(/已取号：B\d{3}/);
    const number = (await page.textContent('[data-testid=action-message]'))!.match(/B\d{3}/)![0];

    const before = (await h.api('GET', '/api/halls/t1/services')).body.find((s: { id: string }) => s.id === 'land').waiting;
    const option = page.locator('[data-testid=cancel-ticket] option', { hasText: number });
    await page.selectOption('[data-testid=cancel-ticket]', (await option.getAttribute('value'))!);
    await page.click('[data-testid=cancel-submit]');
    expect(await page.textContent('[data-testid=desk-confirm-text]')).toContain(number);
    await page.click('[data-testid=desk-confirm-yes]');
    await expect.poll(async () => (await h.api('GET', '/api/halls/t1/services')).body.find((s: { id: string }) => s.id === 'land').waiting).toBe(before - 1);

    // Window 1: s1 signs in; the manager closes it; a closed window cannot be closed again (button disabled).
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    await expect.poll(() => page.isEnabled('[data-testid=close-1]')).toBe(true);
    await page.screenshot({ path: join(shots, 'desk-actions.png') });
    await page.click('[data-testid=close-1]');
    await page.click('[data-testid=desk-confirm-yes]');
    await expect.poll(async () => (await h.api('GET', '/api/halls/t1/windows')).body.find((w: { id: string }) => w.id === 't1-1').state).toBe('closed');
    await expect.poll(() => page.isEnabled('[data-testid=close-1]')).toBe(false);
    await page.context().close();
  });

  it('shows a refusal in Chinese: closing a window that is serving a citizen', async () => {
    // s2 (A) is away at window 2 since the backlog test; s4 covers as B and calls one of the waiting tickets.
    const s4 = await h.login('s4');
    expect((await h.api('POST', '/api/windows/t1-2/sign-in', { post: 'B' }, s4)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/t1-2/call-next', {}, s4)).status).toBe(200);
    const page = await desk('m1', '#/actions');
    await page.waitForSelector('[data-testid=desk-actions]');
    await page.click('[data-testid=close-2]');
    await page.click('[data-testid=desk-confirm-yes]');
    await expect.poll(() => page.textContent('[data-testid=action-message]')).toContain('窗口正在办理号票，请办结后再关闭');
    expect((await h.api('GET', '/api/halls/t1/windows')).body.find((w: { id: string }) => w.id === 't1-2').state).toBe('called');
    await page.context().close();
  });

  it('pairs a device (admins), shows its address once, and revokes it after a confirm', async () => {
    const page = await desk('a1', '#/devices');
    await page.waitForSelector('[data-testid=desk-devices]');
    await page.selectOption('[data-testid=pair-kind]', 'hall-screen');
    await page.click('[data-testid=pair-submit]');
    const url = (await page.textContent('[data-testid=paired-url] a'))!;
    expect(url).toContain('/display/hall.html?token=');
    const token = decodeURIComponent(url.split('token=')[1]!);
    expect((await h.api('GET', '/api/me', undefined, token)).status).toBe(200);
    await page.screenshot({ path: join(shots, 'desk-devices.png') });
    const row = page.locator('[data-testid^=device-]').first();
    const id = (await row.getAttribute('data-testid'))!.replace('device-', '');
    await page.click(`[data-testid=revoke-${id}]`);
    await page.click('[data-testid=revoke-confirm-yes]');
    await expect.poll(() => page.locator(`[data-testid=device-${id}]`).count()).toBe(0);
    expect((await h.api('GET', '/api/me', undefined, token)).status).toBe(401);
    await page.context().close();
  });
});
