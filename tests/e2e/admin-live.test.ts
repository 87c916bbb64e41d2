/**
 * The admin console (counter/admin.html) in real Chromium against a real hub and archive: an
 * admin edits a service on the page, the hub applies it live, and a counter that is logged in
 * and signed in shows it without a reload; a bad field is shown by the page and nothing changes;
 * a staffer cannot use the console. YC_SCREENSHOT_DIR=docs/screenshots keeps the pictures (admin-*.png).
 */
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const shots = process.env.YC_SCREENSHOT_DIR ?? tmpdir();

let h: TestHub;
let a: TestArchive;
let browser: Browser;

beforeAll(async () => {
  a = await testArchive('sqlite', 'admin-e2e');
  h = await testHub('admin-live-e2e', { config: hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } }), archive: a.location, archiver: false });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  await a?.cleanup();
});

async function page(width = 1920, height = 1080): Promise<Page> {
  const p = await (await browser.newContext({ viewport: { width, height } })).newPage();
  p.setDefaultTimeout(8000);
  p.on('pageerror', (err) => console.error('[page]', err.message));
  return p;
}

async function login(p: Page, path: string, who: string): Promise<void> {
  await p.goto(`${h.url}${path}`);
  await p.fill('[data-testid=login-username]', who);
  await p.fill('[data-testid=login-password]', `pw-${who}`);
  await p.click('[data-testid=login-submit]');
}

describe('the admin console', () => {
  it('edits a service on the page, and a live counter shows it without a restart or a reload', async () => {
    const kiosk = await h.device('kiosk');
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk)).status).toBe(201);
    const counter = await page(1366, 768);
    await login(counter, '/counter/terminal.html', 's1');
    await counter.click('[data-testid=signin-t1-1-A]');
    await counter.getByText('社保医保卫健').first().waitFor();

    const console = await page();
    await login(console, '/counter/admin.html', 'a1');
    await console.getByTestId('services-0-name').waitFor();
    expect(await console.getByTestId('revision').textContent()).toBe('第 0 版');
    await console.getByTestId('services-0-name').fill('社会保障卡');
    await console.getByTestId('services-0-name').blur();
    await console.getByTestId('dirty').waitFor();
    await console.screenshot({ path: `${shots}/admin-services.png` });
    await console.getByTestId('note').fill('事项更名');
    await console.getByTestId('save').click();
    await console.getByText('已保存为第 1 版（1 处改动），已在所有服务器生效').waitFor();
    expect(await console.getByTestId('revision').textContent()).toBe('第 1 版');

    // The counter page, not reloaded: the new name shows, the old one is gone.
    await counter.getByText('社会保障卡').first().waitFor({ timeout: 3000 });
    expect(await counter.getByText('社保医保卫健').count()).toBe(0);

    await console.getByTestId('tab-audit').click();
    await console.getByTestId('audit').getByText('第 1 版 · a1').waitFor();
    expect(await console.getByTestId('audit').textContent()).toContain('services[social].name');
    await console.screenshot({ path: `${shots}/admin-audit.png` });
  });

  it('shows a bad field where it is and saves nothing', async () => {
    const console = await page();
    await login(console, '/counter/admin.html', 'a1');
    await console.getByTestId('tab-attendance').click();
    await console.getByText('迟到早退超过多少分钟记旷工半天（halfDayAbsenceMinutes）').waitFor();
    await console.screenshot({ path: `${shots}/admin-attendance.png` });
    await console.getByTestId('tab-windows').click();
    await console.getByTestId('windows-0-tiers').fill('social | nosuch');
    await console.getByTestId('windows-0-tiers').blur();
    await console.getByTestId('save').click();
    await console.getByText('配置有误，未保存：请按下列提示修改').waitFor();
    expect(await console.getByTestId('issues').textContent()).toContain('windows.0.tiers.1.0');
    expect(await console.locator('td.bad').count()).toBe(1);
    await console.screenshot({ path: `${shots}/admin-invalid.png` });
    const admin = await h.login('a1');
    const now = (await h.api('GET', '/api/halls/t1/config', undefined, admin)).body;
    expect(now.config.windows[0].tiers).toEqual([['social'], ['land']]);
  });

  it('does not open for a staffer', async () => {
    const p = await page();
    await login(p, '/counter/admin.html', 's2');
    await p.getByText('该工号不是系统管理员').waitFor();
    expect(await p.getByTestId('save').count()).toBe(0);
  });
});
