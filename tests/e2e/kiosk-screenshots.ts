/**
 * Screenshots of the kiosk (normal, 长者模式, a ticket just issued) and of the phone tracker
 * (waiting, called), from a real hub on the demo county hall with a morning's activity:
 *
 *   npx tsx tests/e2e/kiosk-screenshots.ts     # writes docs/screenshots/kiosk*.png, track-*.png
 *
 * The hub runs on a clock this script moves, so handlings take minutes and the estimates are
 * real ones. Needs Redis (REDIS_URL, default 127.0.0.1:6379), Debian's Chromium and fonts-noto-cjk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { testHub, type TestHub } from '../helpers/hub.js';
import { buildPages } from './global-setup.js';

const out = resolve(import.meta.dirname, '../../docs/screenshots');
const hallId = 'junan';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
const MIN = 60_000;

let now = Date.parse('2026-11-23T09:40:00+08:00');

async function ok(r: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A morning: queues in every service, most windows open, a few handlings of realistic length done. */
async function morning(h: TestHub, kiosk: string): Promise<Record<number, string>> {
  const counts: Record<string, number> = { social: 16, land: 6, civil: 7, agri: 5, estate: 4, business: 3, tax: 8, fund: 3, pickup: 2 };
  for (let round = 0; round < 16; round++) {
    for (const [serviceId, n] of Object.entries(counts)) {
      if (round < n) await ok(h.api('POST', `/api/halls/${hallId}/tickets`, { serviceId }, kiosk), `issue ${serviceId}`);
    }
    now += 20_000;
  }
  const staff: Record<number, string> = {};
  for (const w of [1, 2, 3, 4, 5, 6, 8, 9, 10, 12]) {
    staff[w] = (await ok(h.api('POST', '/api/login', { username: String(1000 + w), password: 'demo1234' }), 'login')).token;
    await ok(h.api('POST', `/api/windows/${hallId}-${w}/sign-in`, { post: 'A' }, staff[w]), `sign in ${w}`);
  }
  const act = (w: number, action: string, body: unknown = {}) => ok(h.api('POST', `/api/windows/${hallId}-${w}/${action}`, body, staff[w]), `window ${w} ${action}`);
  // Two handlings per window, 6–9 minutes each from the call, then each window calls its next.
  for (let k = 0; k < 2; k++) {
    for (const w of Object.keys(staff).map(Number)) await act(w, 'call-next');
    now += MIN;
    for (const w of Object.keys(staff).map(Number)) await act(w, 'start');
    now += 6 * MIN + k * 2 * MIN;
    for (const w of Object.keys(staff).map(Number)) await act(w, 'complete', { outcome: 'completed' });
    now += 30_000;
  }
  for (const w of Object.keys(staff).map(Number)) await act(w, 'call-next');
  now += 2 * MIN;
  return staff;
}

async function shot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(out, file) });
  console.log(`wrote docs/screenshots/${file}`);
}

async function main(): Promise<void> {
  await buildPages();
  const prints = mkdtempSync(join(tmpdir(), 'yc-shots-prints-'));
  const config = loadConfig('config/demo-hall.yaml');
  const junan = config.halls.find((h) => h.id === hallId)!;
  junan.kiosks = [{ ...junan.kiosks[0]!, printer: { kind: 'virtual', dir: prints, paperWidth: 80 } }];
  // One service outside its issuing hours, to show the closed state.
  junan.services = junan.services.map((s) => (s.id === 'consult' ? { ...s, issuingHours: [['08:30', '09:00']] as [string, string][] } : s));
  const h = await testHub('kiosk-shots', { config, clock: () => now });
  let browser: Browser | undefined;
  try {
    const kiosk = await h.hub.tokens.createDevice({ device: 'kiosk', hallId, kioskId: `${hallId}-kiosk-1` });
    const staff = await morning(h, kiosk);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });

    // The kiosk: a 立式 kiosk's portrait screen.
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${h.url}/display/kiosk.html?token=${kiosk}`);
    await page.locator('[data-service=social]').waitFor();
    await shot(page, 'kiosk.png');
    await page.locator('[data-testid=elderly-toggle]').click();
    await shot(page, 'kiosk-elderly.png');
    await page.locator('[data-service=social]').click();
    const issued = page.locator('[data-testid=issued]');
    await issued.waitFor();
    await page.locator('.estimate').waitFor({ timeout: 5000 }).catch(() => {});
    await shot(page, 'kiosk-ticket.png');
    const trackUrl = (await issued.getAttribute('data-track-url'))!;
    const number = (await issued.getAttribute('data-number'))!;

    // The phone: waiting, then called.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(trackUrl);
    await phone.locator('[data-testid=estimate]').waitFor();
    await shot(phone, 'track-waiting.png');
    // Window 1 serves social until our ticket comes up.
    for (let i = 0; i < 40; i++) {
      await ok(h.api('POST', `/api/windows/${hallId}-1/start`, {}, staff[1]), 'start');
      now += 5 * MIN;
      await ok(h.api('POST', `/api/windows/${hallId}-1/complete`, { outcome: 'completed' }, staff[1]), 'complete');
      const next = await ok(h.api('POST', `/api/windows/${hallId}-1/call-next`, {}, staff[1]), 'call-next');
      if (next.ticket?.number === number) break;
    }
    await phone.locator('[data-testid=called]').waitFor();
    await phone.waitForTimeout(3500); // past the flash
    await shot(phone, 'track-called.png');
  } finally {
    await browser?.close();
    await h.cleanup();
    rmSync(prints, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
