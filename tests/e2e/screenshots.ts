/**
 * Screenshots of every hall-screen and window-screen layout, from a real hub with some activity in
 * the demo county hall (13 windows, 10 services, long names such as 农林司法文体旅):
 *
 *   npx tsx tests/e2e/screenshots.ts        # writes docs/screenshots/hall-*.png, window-*.png
 *
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379), Debian's Chromium and fonts-noto-cjk.
 */
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { testHub, type TestHub } from '../helpers/hub.js';
import { buildPages } from './global-setup.js';

const out = resolve(import.meta.dirname, '../../docs/screenshots');
const hallId = 'junan';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

async function activity(h: TestHub): Promise<void> {
  const kiosk = await h.hub.tokens.createDevice({ device: 'kiosk', hallId, kioskId: `${hallId}-kiosk-1` });
  const ok = async (r: Promise<{ status: number; body: unknown }>, what: string) => {
    const res = await r;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const issued: Record<string, number> = { social: 14, land: 7, civil: 5, agri: 8, estate: 4, business: 3, tax: 9, fund: 2, pickup: 3, consult: 2 };
  for (let round = 0; round < 14; round++) {
    for (const [serviceId, n] of Object.entries(issued)) {
      if (round < n) await ok(h.api('POST', `/api/halls/${hallId}/tickets`, { serviceId }, kiosk), `issue ${serviceId}`);
    }
  }
  const staff: Record<number, string> = {};
  const token = async (id: string) => {
    const r = await ok(h.api('POST', '/api/login', { username: id, password: 'demo1234' }), `login ${id}`);
    return (r.body as { token: string }).token;
  };
  const act = (w: number, action: string, body: unknown = {}) => ok(h.api('POST', `/api/windows/${hallId}-${w}/${action}`, body, staff[w]), `window ${w} ${action}`);
  // Windows 1–6 and 8–12 open with their A post; 1007 covers window 6 as its B post, so 7 and 13 stay closed.
  for (const w of [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]) {
    staff[w] = await token(String(1000 + w));
    await act(w, 'sign-in', { post: 'A' });
  }
  const cover = await token('1007');
  await ok(h.api('POST', `/api/windows/${hallId}-6/sign-in`, { post: 'B' }, cover), 'window 6 B sign-in');
  for (const w of [1, 2, 3, 4, 5, 9, 10, 11]) await act(w, 'call-next');
  for (const w of [1, 2, 3, 9, 10]) {
    await act(w, 'start');
    await act(w, 'complete', { outcome: 'completed' });
    await act(w, 'call-next');
  }
  for (const w of [2, 3, 5, 9, 11]) await act(w, 'start');
  await act(8, 'away', { reason: 'meeting' });
  await act(6, 'away', { reason: 'training' }); // A steps away: B covers window 6
  staff[6] = cover;
  await act(6, 'call-next');
  await act(6, 'start');
  await act(1, 'recall');
}

async function shoot(browser: Browser, url: string, file: string, width: number, height: number, scale = 1): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error(`[${file}] ${m.text()}`));
  await page.goto(url);
  await page.waitForSelector('[data-testid=hall-screen], [data-testid=hall-led], [data-testid=window-screen]', { timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
  // Past the flash of the newest call, so the picture shows the steady screen.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: resolve(out, file) });
  console.log(`wrote docs/screenshots/${file} (${width}×${height}${scale !== 1 ? ` at ${scale}×` : ''})`);
  await context.close();
}

async function main(): Promise<void> {
  await buildPages();
  const config = loadConfig('config/demo-hall.yaml');
  const h = await testHub('screenshots', { config });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    await activity(h);
    const hallToken = await h.hub.tokens.createDevice({ device: 'hall-screen', hallId });
    const windowToken = (n: number) => h.hub.tokens.createDevice({ device: 'window-screen', hallId, windowId: `${hallId}-${n}` });
    const hall = `${h.url}/display/hall.html?token=${hallToken}`;
    await shoot(browser, hall, 'hall-1080p.png', 1920, 1080);
    // 4K is laid out at 3840×2160 and saved at half size, to keep the repository small.
    await shoot(browser, hall, 'hall-4k.png', 3840, 2160, 0.5);
    await shoot(browser, hall, 'hall-portrait.png', 1080, 1920);
    await shoot(browser, hall, 'hall-led.png', 512, 256);
    await shoot(browser, `${h.url}/display/window.html?token=${await windowToken(1)}`, 'window-led.png', 640, 160);
    await shoot(browser, `${h.url}/display/window.html?token=${await windowToken(5)}`, 'window-monitor.png', 1024, 600);
    await shoot(browser, `${h.url}/display/window.html?token=${await windowToken(6)}`, 'window-monitor-covering.png', 1024, 600);
    await shoot(browser, `${h.url}/display/window.html?token=${await windowToken(8)}`, 'window-led-paused.png', 640, 160);
  } finally {
    await browser.close();
    await h.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
