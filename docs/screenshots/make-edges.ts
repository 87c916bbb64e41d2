/**
 * Pictures of the rough edges of issue 15, taken the same way before and after the fix, from a real
 * hub running the demo county hall:
 *
 *   npx tsx docs/screenshots/make-edges.ts before   # writes docs/screenshots/edges/*-before.png
 *   npx tsx docs/screenshots/make-edges.ts after    #                                 *-after.png
 *
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379), Debian's Chromium and fonts-noto-cjk.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { testHub, until, type TestHub } from '../../tests/helpers/hub.js';
import { buildPages } from '../../tests/e2e/global-setup.js';

const tag = process.argv[2] ?? 'after';
const out = resolve(import.meta.dirname, 'edges');
const hallId = 'junan';
const base = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

let shift = 0;
const clock = () => Date.now() + shift;

async function ok(r: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function shot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `${name}-${tag}.png`), ...(clip ? { clip } : {}) });
  console.log(`wrote docs/screenshots/edges/${name}-${tag}.png`);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  await buildPages();
  const prints = mkdtempSync(join(tmpdir(), 'yc-edges-prints-'));
  const config = loadConfig('config/demo-hall.yaml');
  const junan = config.halls.find((h) => h.id === hallId)!;
  junan.kiosks = [{ ...junan.kiosks[0]!, printer: { kind: 'virtual', dir: prints, paperWidth: 80 } }];
  const h: TestHub = await testHub('edges-shots', { config, clock });
  const quiet: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...base, '--autoplay-policy=no-user-gesture-required'] });
  // A browser that keeps sound off until a tap, as a hall PC's browser does by default.
  const strict: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...base, '--autoplay-policy=document-user-activation-required'] });
  try {
    const kiosk = await h.hub.tokens.createDevice({ device: 'kiosk', hallId, kioskId: `${hallId}-kiosk-1` });
    const login = async (id: string) => (await ok(h.api('POST', '/api/login', { username: id, password: 'demo1234' }), `login ${id}`)).token as string;
    const issue = (serviceId: string) => ok(h.api('POST', `/api/halls/${hallId}/tickets`, { serviceId }, kiosk), `issue ${serviceId}`);
    const staff: Record<number, string> = {};
    const act = (w: number, action: string, body: unknown = {}) => ok(h.api('POST', `/api/windows/${hallId}-${w}/${action}`, body, staff[w]), `window ${w} ${action}`);

    // A morning: queues everywhere; windows 1–6 and 8–12 open, 7 and 13 nobody staffs, 8 paused.
    for (let round = 0; round < 8; round++) for (const s of ['social', 'land', 'civil', 'tax', 'estate']) await issue(s);
    for (const w of [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]) {
      staff[w] = await login(String(1000 + w));
      await act(w, 'sign-in', { post: 'A' });
    }
    // Handlings of a few seconds each (a fast simulated morning): the estimate's minutes per ticket come out tiny.
    for (let k = 0; k < 2; k++) {
      for (const w of [2, 3, 4, 5]) await act(w, 'call-next');
      for (const w of [2, 3, 4, 5]) await act(w, 'start');
      shift += 10_000;
      for (const w of [2, 3, 4, 5]) await act(w, 'complete', { outcome: 'completed' });
    }
    for (const w of [2, 3, 9]) await act(w, 'call-next');
    await act(8, 'away', { reason: 'meeting' });

    // 3. A window nobody staffs, on the hall screen, the window screen and the pad; a paused one on the pad.
    const hallToken = await h.hub.tokens.createDevice({ device: 'hall-screen', hallId });
    const hallPage = await (await strict.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await hallPage.goto(`${h.url}/display/hall.html?token=${hallToken}`);
    await hallPage.waitForSelector('[data-testid=hall-screen]');
    await hallPage.waitForTimeout(1500);
    await shot(hallPage, 'hall-unstaffed-window');
    // 8. The sound hint and the notice: the bottom strip, and the ticker at the end of a loop.
    await shot(hallPage, 'hall-sound-hint', { x: 0, y: 960, width: 1920, height: 120 });
    await hallPage.evaluate(() => {
      // The notice's own animation, stopped just before its loop ends (whatever its delay).
      for (const a of document.getAnimations()) {
        const target = (a.effect as KeyframeEffect | null)?.target as Element | null;
        const t = a.effect?.getComputedTiming();
        if (!target?.closest('[data-testid=notice]') || !t || typeof t.duration !== 'number') continue;
        a.pause();
        a.currentTime = t.duration * 0.97 + Number(t.delay ?? 0);
      }
    });
    await shot(hallPage, 'hall-ticker-loop-end', { x: 0, y: 960, width: 1920, height: 120 });

    const windowScreen = async (n: number, name: string, w: number, hgt: number) => {
      const token = await h.hub.tokens.createDevice({ device: 'window-screen', hallId, windowId: `${hallId}-${n}` });
      const p = await (await quiet.newContext({ viewport: { width: w, height: hgt } })).newPage();
      await p.goto(`${h.url}/display/window.html?token=${token}`);
      await p.waitForSelector('[data-testid=window-screen]');
      await shot(p, name);
    };
    await windowScreen(7, 'window-unstaffed-monitor', 1024, 600);
    await windowScreen(7, 'window-unstaffed-led', 640, 160);
    const padShot = async (n: number, name: string) => {
      const token = await h.hub.tokens.createDevice({ device: 'pad', hallId, windowId: `${hallId}-${n}` });
      const p = await (await quiet.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await p.goto(`${h.url}/counter/pad.html?token=${token}`);
      await p.waitForSelector('[data-testid=pad-rest]');
      await shot(p, name);
    };
    await padShot(7, 'pad-unstaffed');
    await padShot(8, 'pad-paused');

    // 6. The kiosk: people ahead, an estimate from handlings of seconds.
    const kioskPage = await (await quiet.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    await kioskPage.goto(`${h.url}/display/kiosk.html?token=${kiosk}`);
    await kioskPage.locator('[data-service=land]').click();
    await kioskPage.locator('[data-testid=issued]').waitFor();
    await kioskPage.locator('.estimate').waitFor({ timeout: 5000 }).catch(() => {});
    await shot(kioskPage, 'kiosk-estimate');

    // 7. The printed ticket of that issue, as the virtual printer drew it.
    const png = await until(() => readdirSync(prints).find((f) => f.endsWith('.png')), 15_000, 'the printed ticket');
    copyFileSync(join(prints, png), join(out, `ticket-80mm-${tag}.png`));
    console.log(`wrote docs/screenshots/edges/ticket-80mm-${tag}.png`);

    // 4 and 5. The counter terminal at 1920×1080: the transfer picker, then a no-show right after a call.
    const terminal = await (await quiet.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await terminal.goto(`${h.url}/counter/terminal.html`);
    await terminal.fill('[data-testid=login-username]', '1001');
    await terminal.fill('[data-testid=login-password]', 'demo1234');
    await terminal.keyboard.press('Enter');
    // 1001 signed in at window 1 through the API above: after the fix, this PC takes that desk.
    await terminal.waitForSelector('[data-testid=no-ticket], [data-testid=takeover-confirm]');
    if (await terminal.locator('[data-testid=takeover-confirm]').count()) await terminal.keyboard.press('Enter');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    await terminal.keyboard.press('F1');
    await terminal.waitForSelector('[data-testid=current-number]');
    await terminal.waitForTimeout(500);
    await terminal.keyboard.press('t');
    await terminal.waitForSelector('[data-testid=picker]');
    await shot(terminal, 'terminal-transfer-picker');
    await terminal.keyboard.press('Enter');
    await terminal.waitForTimeout(800);
    // After the fix Enter asks first: confirm it, to show what the desk says after a transfer.
    if (await terminal.locator('[data-testid=transfer-confirm]').count()) await terminal.keyboard.press('Enter');
    await terminal.waitForSelector('[data-testid=message]');
    await shot(terminal, 'terminal-transferred');
    await terminal.keyboard.press('F1');
    await terminal.waitForSelector('[data-testid=current-number]');
    await terminal.waitForTimeout(1000);
    await terminal.keyboard.press('n');
    await terminal.waitForTimeout(800);
    await shot(terminal, 'terminal-no-show-early');

    // 9. Login: wrong passwords; then 1002, live at window 2 on another PC, logs in here.
    const other = await (await quiet.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await other.goto(`${h.url}/counter/terminal.html`);
    await other.fill('[data-testid=login-username]', '1002');
    await other.fill('[data-testid=login-password]', 'demo1234');
    await other.keyboard.press('Enter');
    // 1002 signed in at window 2 through the API above: after the fix, this PC takes that desk.
    await other.waitForSelector('[data-testid=desk-window], [data-testid=takeover-confirm]');
    if (await other.locator('[data-testid=takeover-confirm]').count()) await other.click('[data-testid=takeover-confirm-yes]');
    await other.waitForSelector('[data-testid=desk-window]');
    const fresh = await (await quiet.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await fresh.goto(`${h.url}/counter/terminal.html`);
    for (let i = 0; i < 5; i++) {
      await fresh.fill('[data-testid=login-username]', '1003');
      await fresh.fill('[data-testid=login-password]', `wrong${i}`);
      await fresh.keyboard.press('Enter');
      await fresh.waitForSelector('[data-testid=login-error]');
      await fresh.waitForTimeout(300);
    }
    await shot(fresh, 'login-wrong-5');
    await fresh.fill('[data-testid=login-username]', '1002');
    await fresh.fill('[data-testid=login-password]', 'demo1234');
    await fresh.keyboard.press('Enter');
    await fresh.waitForTimeout(1500);
    await shot(fresh, 'login-live-elsewhere');
    if (await fresh.locator('[data-testid=takeover-confirm]').count()) {
      await fresh.click('[data-testid=takeover-confirm-yes]');
      await fresh.waitForTimeout(1500);
    }
    await shot(other, 'login-other-desk');
  } finally {
    await quiet.close();
    await strict.close();
    await h.cleanup();
    rmSync(prints, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
