/**
 * Screenshots of the counter terminal and the rating pad, from a real hub running the demo county
 * hall (config/demo-hall.yaml) with some activity:
 *
 *   npx tsx docs/screenshots/make-counter.ts     # writes docs/screenshots/terminal-*.png, pad-*.png
 *
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379), Debian's Chromium and fonts-noto-cjk. The pages
 * are built first (tests/e2e/global-setup.ts); YC_STATIC=<dir> serves an existing build instead.
 */
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { testHub, until, type TestHub } from '../../tests/helpers/hub.js';

const out = resolve(import.meta.dirname);
const hallId = 'junan';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** The hub's clock, movable: the over-time picture needs a ticket started 14 minutes ago. */
let shift = 0;
const clock = () => Date.now() + shift;

async function ok(r: Promise<{ status: number; body: any }>, what: string) {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(out, file) });
  console.log(`wrote docs/screenshots/${file}`);
}

async function main(): Promise<void> {
  let staticDir = process.env.YC_STATIC;
  if (!staticDir) {
    const { buildPages } = await import('../../tests/e2e/global-setup.js');
    await buildPages();
    staticDir = 'dist';
  }
  const config = loadConfig('config/demo-hall.yaml');
  const h: TestHub = await testHub('counter-shots', { config, clock, staticDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const kiosk = await h.hub.tokens.createDevice({ device: 'kiosk', hallId, kioskId: `${hallId}-kiosk-1` });
    const pad = await h.hub.tokens.createDevice({ device: 'pad', hallId, windowId: `${hallId}-1` });
    const login = async (id: string) => (await ok(h.api('POST', '/api/login', { username: id, password: 'demo1234' }), `login ${id}`)).body.token as string;
    const issue = (serviceId: string, priority?: string) => ok(h.api('POST', `/api/halls/${hallId}/tickets`, { serviceId, ...(priority ? { priority } : {}) }, kiosk), `issue ${serviceId}`);

    // A morning's queue, issued over the last 25 minutes: window 1 serves 社保医保卫健, then 民政残联退役.
    shift = -25 * 60_000;
    for (const [svc, prio] of [['social'], ['social'], ['civil'], ['social', 'priority'], ['social'], ['social', 'appointment'], ['civil'], ['social'], ['social']] as [string, string?][]) {
      await issue(svc, prio);
      shift += 90_000;
    }
    shift = 0;
    // Window 2 sends a ticket over to window 1 (转窗).
    const w2 = await login('1002');
    await ok(h.api('POST', `/api/windows/${hallId}-2/sign-in`, { post: 'A' }, w2), 'sign in 2');
    await ok(h.api('POST', `/api/windows/${hallId}-2/call-next`, {}, w2), 'call 2');
    await ok(h.api('POST', `/api/windows/${hallId}-2/transfer`, { toWindowId: `${hallId}-1` }, w2), 'transfer 2→1');

    const terminal = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    terminal.on('console', (m) => m.type() === 'error' && console.error(`[terminal] ${m.text()}`));
    const padPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    padPage.on('console', (m) => m.type() === 'error' && console.error(`[pad] ${m.text()}`));

    await terminal.goto(`${h.url}/counter/terminal.html`);
    await terminal.fill('[data-testid=login-username]', '1001');
    await terminal.fill('[data-testid=login-password]', 'demo1234');
    await terminal.keyboard.press('Enter');
    await terminal.click(`[data-testid=signin-${hallId}-1-A]`);
    await terminal.waitForSelector('[data-testid=no-ticket]');
    await shoot(terminal, 'terminal-idle.png');

    await padPage.goto(`${h.url}/counter/pad.html?token=${pad}`);
    await padPage.waitForSelector('[data-testid=pad-staff-name]');
    await shoot(padPage, 'pad-rest.png');

    // Serving: called a little while ago, 4 minutes into handling.
    shift = -4 * 60_000;
    await terminal.keyboard.press('F1');
    await terminal.waitForSelector('[data-testid=current-number]');
    await terminal.keyboard.press('s');
    await terminal.waitForSelector('[data-testid=handling-timer]');
    shift = 0;
    await terminal.waitForTimeout(1200);
    await shoot(terminal, 'terminal-serving.png');

    // The citizen is asked to rate.
    await terminal.keyboard.press('c');
    await terminal.keyboard.press('1');
    await padPage.waitForSelector('[data-testid=pad-asking]');
    await shoot(padPage, 'pad-asking.png');

    // A bad review: 不满意, then its reasons and a comment.
    await padPage.click('[data-testid=level-2]');
    await padPage.click('[data-testid=submit]');
    await padPage.waitForSelector('[data-testid=pad-problem]');
    await padPage.locator('[data-testid=reason]', { hasText: '等候时间长' }).click();
    await padPage.locator('[data-testid=reason]', { hasText: '一次性告知不清' }).click();
    await padPage.fill('[data-testid=comment]', '材料清单没有一次说清楚，跑了两趟。');
    await shoot(padPage, 'pad-bad-review.png');
    await padPage.click('[data-testid=submit]');
    await padPage.waitForSelector('[data-testid=pad-thanks]');

    // Over time: handling began 14 minutes ago; 社保医保卫健's standard is 8.
    await until(async () => (await terminal.locator('[data-testid=no-ticket]').count()) > 0, 5000, 'window free');
    shift = -14 * 60_000 - 20_000;
    await terminal.keyboard.press('F1');
    await terminal.waitForSelector('[data-testid=current-number]');
    await terminal.keyboard.press('s');
    await terminal.waitForSelector('[data-testid=handling-timer][data-over=true]');
    shift = 0;
    await terminal.waitForTimeout(1200);
    await shoot(terminal, 'terminal-overtime.png');

    // Paused for a meeting.
    await terminal.keyboard.press('c');
    await terminal.keyboard.press('2');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    await terminal.keyboard.press('p');
    await terminal.keyboard.press('1');
    await terminal.waitForSelector('[data-testid=paused]');
    await shoot(terminal, 'terminal-paused.png');
  } finally {
    await browser.close();
    await h.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
