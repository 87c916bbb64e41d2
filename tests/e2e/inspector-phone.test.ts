/**
 * The inspector's phone page in real Chromium with a phone's viewport and touch, against a real
 * hub with the demo hall: 督查员吴敏 (i001) opens the page from window 1's QR code
 * (…/counter/inspect.html?window=junan-1), logs in, finds 张伟 on duty, ticks two items, takes a
 * photo with the camera input, and submits; the hub has the inspection with both findings, the
 * staffer and the photo's bytes. Then 继续巡查 shows every window with who is on duty.
 * YC_SCREENSHOT_DIR=docs/screenshots keeps the pictures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { testHub, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const shots = process.env.YC_SCREENSHOT_DIR ?? join(tmpdir(), 'yc-inspector-shots');
const now = Date.parse('2026-11-23T10:00:00+08:00');

let a: TestArchive;
let h: TestHub;
let browser: Browser;
let evidenceDir: string;
let manager = '';

const login = async (username: string) => (await h.api('POST', '/api/login', { username, password: 'demo1234' })).body.token as string;

beforeAll(async () => {
  a = await testArchive('sqlite', 'inspector-phone');
  evidenceDir = mkdtempSync(join(tmpdir(), 'yc-evidence-e2e-'));
  h = await testHub('inspector-phone', { config: loadConfig('config/demo-hall.yaml'), archive: a.location, archiver: false, clock: () => now, evidenceDir });
  const [zhang, wang] = await Promise.all([login('1001'), login('1002')]);
  manager = await login('m001');
  expect((await h.api('POST', '/api/windows/junan-1/sign-in', { post: 'A' }, zhang)).status).toBe(200);
  expect((await h.api('POST', '/api/windows/junan-2/sign-in', { post: 'A' }, wang)).status).toBe(200);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  await a?.cleanup();
  rmSync(evidenceDir, { recursive: true, force: true });
});

/** A real JPEG, as a phone camera would give one: drawn and encoded by the browser itself. */
async function cameraJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 1200;
    c.height = 900;
    const g = c.getContext('2d')!;
    g.fillStyle = '#5b6f8a';
    g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#f4e4c1';
    g.fillRect(200, 300, 800, 400);
    g.fillStyle = '#222';
    g.font = '80px sans-serif';
    g.fillText('1号窗口', 420, 540);
    return c.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

describe('the inspector’s phone page', () => {
  it('records a check of window 1 with a photo, one-handed on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('[page]', err.message));
    page.setDefaultTimeout(8000);
    await page.goto(`${h.url}/counter/inspect.html?window=junan-1`);
    await page.getByText('督查人员登录').waitFor();
    await page.screenshot({ path: join(shots, 'inspector-phone-login.png') });

    await page.fill('input[name=username]', 'i001');
    await page.fill('input[name=password]', 'wrong');
    await page.tap('button[type=submit]');
    await page.getByText('工号或密码错误').waitFor();
    await page.fill('input[name=password]', 'demo1234');
    await page.tap('button[type=submit]');

    // Straight to window 1 from the QR link, its staffer named.
    await page.getByText('1 号窗口 · 社保医保卫健').waitFor();
    await page.getByText('被检查人：张伟').waitFor();
    await page.tap('[data-item=phone_games_video]');
    await page.tap('[data-item=no_badge_or_name_plate]');
    await expect.poll(() => page.textContent('[data-testid=inspect-summary]')).toBe('2 项问题 · 扣 6 分');
    const photo = await cameraJpeg(page);
    const input = page.locator('input[type=file]');
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await input.getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('.thumbs li.done').waitFor();
    await page.screenshot({ path: join(shots, 'inspector-phone-check.png') });
    await page.locator('.photos').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'inspector-phone-photo.png') });

    // The submit button sits in the bottom quarter of the screen, within the thumb's reach.
    const box = (await page.locator('footer.sticky .primary').boundingBox())!;
    expect(box.y).toBeGreaterThan(844 * 0.75);
    expect(box.height).toBeGreaterThanOrEqual(56);
    await page.tap('footer.sticky .primary');
    await page.getByTestId('inspect-done').waitFor();
    await page.getByText('1 号窗口 · 社保医保卫健：2 项问题，扣 6 分').waitFor();
    await page.screenshot({ path: join(shots, 'inspector-phone-done.png') });

    const list = await h.api('GET', '/api/halls/junan/inspections?month=2026-11', undefined, manager);
    expect(list.body.items).toHaveLength(1);
    const rec = list.body.items[0];
    expect(rec).toMatchObject({ windowId: 'junan-1', staffId: '1001', inspectorId: 'i001', kind: 'daily_patrol' });
    expect(rec.findings.map((f: { itemId: string; points: number }) => [f.itemId, f.points]).sort()).toEqual([['no_badge_or_name_plate', 1], ['phone_games_video', 5]]);
    expect(rec.evidence).toHaveLength(1);
    const img = await fetch(`${h.url}/api/halls/junan/evidence/${rec.evidence[0]}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await img.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    // 继续巡查: every window with who is on duty.
    await page.tap('text=继续巡查');
    await page.getByText('选择要检查的窗口').waitFor();
    await page.locator('[data-window=junan-2]').getByText('在岗：王芳').waitFor();
    await page.locator('[data-window=junan-3]').getByText('无人在岗').waitFor();
    await page.screenshot({ path: join(shots, 'inspector-phone-pick.png') });
    await context.close();
  });
});
